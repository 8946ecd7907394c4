"""Public API output: explicit fields only, so notes, contacts and internal fields never
leak by accident when a model grows."""

from django.urls import reverse
from rest_framework import serializers

from imar.organizations.models import Organization
from imar.partners.models import Agreement
from imar.portfolio.models import Program, Project, ProjectDocument, ProjectOrganization


class PortalParticipationSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="organization_id")
    organization_name_ar = serializers.CharField(source="organization.name_ar")
    organization_name_en = serializers.CharField(source="organization.name_en")

    class Meta:
        model = ProjectOrganization
        fields = ["organization", "organization_name_ar", "organization_name_en", "role"]


class PortalProjectSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="municipality.district.iso_code")
    municipality = serializers.CharField(source="municipality.pcode")
    municipality_name_ar = serializers.CharField(source="municipality.name_ar")
    municipality_name_en = serializers.CharField(source="municipality.name_en")
    program = serializers.SlugRelatedField(slug_field="code", read_only=True)
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    location_approximate = serializers.SerializerMethodField()
    organizations = PortalParticipationSerializer(source="participations", many=True)

    class Meta:
        model = Project
        fields = [
            "code",
            "title_ar",
            "title_en",
            "description_ar",
            "description_en",
            "sector",
            "project_type",
            "status",
            "program",
            "district",
            "municipality",
            "municipality_name_ar",
            "municipality_name_en",
            "latitude",
            "longitude",
            "location_approximate",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget",
            "currency",
            "beneficiaries",
            "organizations",
            "updated_at",
        ]

    def get_latitude(self, project) -> float:
        return project.public_point[0]

    def get_longitude(self, project) -> float:
        return project.public_point[1]

    def get_location_approximate(self, project) -> bool:
        return project.public_point[2]


class PortalDocumentSerializer(serializers.ModelSerializer):
    """A public document; `url` is the portal download (public documents only)."""

    format = serializers.CharField(source="content_type")
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProjectDocument
        fields = ["id", "title_ar", "title_en", "category", "document_date", "format", "url"]

    def get_url(self, document) -> str:
        path = reverse("portal:document_download", args=[document.project.code, document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PortalProjectDetailSerializer(PortalProjectSerializer):
    documents = PortalDocumentSerializer(source="public_document_list", many=True)

    class Meta(PortalProjectSerializer.Meta):
        fields = [*PortalProjectSerializer.Meta.fields, "documents"]


class PortalProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = ["code", "name_ar", "name_en", "description_ar", "description_en"]


class PortalOrganizationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Organization
        fields = [
            "id",
            "name_ar",
            "name_en",
            "acronym",
            "kind",
            "country",
            "iati_identifier",
            "website",
        ]


class PortalAgreementSerializer(serializers.ModelSerializer):
    projects = serializers.SerializerMethodField()
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "kind",
            "reference",
            "title_ar",
            "title_en",
            "signed_on",
            "effective_from",
            "ends_on",
            "value",
            "currency",
            "status",
            "parties",
            "projects",
        ]

    def get_projects(self, agreement) -> list[str]:
        return [project.code for project in agreement.public_projects]

    def get_parties(self, agreement) -> list[dict]:
        return [
            {
                "organization": party.organization_id,
                "name_en": party.organization.name_en,
                "name_ar": party.organization.name_ar,
                "role": party.role,
            }
            for party in agreement.parties.all()
        ]


class PortalTransactionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.CharField(source="project.code")
    kind = serializers.CharField()
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    currency = serializers.CharField()
    amount_lyd = serializers.DecimalField(max_digits=18, decimal_places=2)
    provider = serializers.IntegerField(source="provider_id", allow_null=True)
    receiver = serializers.IntegerField(source="receiver_id", allow_null=True)


class PortalReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.CharField(source="project.code")
    report_date = serializers.DateField()
    physical_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    narrative_ar = serializers.CharField()
    narrative_en = serializers.CharField()
    photos = serializers.SerializerMethodField()

    def get_photos(self, report) -> list[str]:
        request = self.context.get("request")
        urls = [photo.public_image.url for photo in report.photos.all()]
        return [request.build_absolute_uri(url) for url in urls] if request else urls
