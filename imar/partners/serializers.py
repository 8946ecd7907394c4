"""API shapes. Output and input serializers are separate; private fields live only in the
staff serializers, so the public ones cannot leak them."""

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from imar.accounts.permissions import is_staff_member
from imar.core.versioning_api import VersionField
from imar.organizations.models import Contact, Organization
from imar.partners.enums import STORED_AGREEMENT_STATUSES, AgreementStatus, PartyRole
from imar.partners.models import ActionItem, Agreement, AgreementParty, Engagement, EngagementPerson
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector

ORGANIZATION_PUBLIC_FIELDS = [
    "id", "name_ar", "name_en", "acronym", "kind", "country", "website", "iati_identifier",
    "sectors", "logo",
]  # fmt: skip


class OrganizationSerializer(serializers.ModelSerializer):
    """What anyone may read about an organization."""

    country = CountryField()
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices))
    logo = serializers.ImageField(read_only=True)

    class Meta:
        model = Organization
        fields = ORGANIZATION_PUBLIC_FIELDS


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "name_latin", "role", "role_en", "email", "phone"]


class OrganizationStaffSerializer(OrganizationSerializer):
    """What officers write; staff also read the private notes and contacts."""

    contacts = ContactSerializer(many=True, read_only=True)
    row_version = VersionField(required=False)

    class Meta:
        model = Organization
        fields = [*ORGANIZATION_PUBLIC_FIELDS, "notes", "contacts", "row_version"]


class OrganizationOutputSerializer(OrganizationSerializer):
    """An organization as staff read it: `notes` and `contacts` only where the reader may see
    them (head office; engineers for organizations working in their districts)."""

    notes = serializers.CharField(required=False, help_text="Internal notes (staff only).")
    contacts = ContactSerializer(many=True, required=False, help_text="Private (staff only).")
    # Output only: staff read the version they will send back; anonymous readers get no version,
    # so the schema marks it optional rather than read-only-and-always-present.
    row_version = VersionField(
        required=False, help_text="The version to send back with a change (staff only)."
    )

    class Meta:
        model = Organization
        fields = [*ORGANIZATION_PUBLIC_FIELDS, "notes", "contacts", "row_version"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not getattr(instance, "private_readable", False):
            data.pop("notes", None)
            data.pop("contacts", None)
        return data


class OrganizationBriefSerializer(serializers.ModelSerializer):
    country = CountryField()

    class Meta:
        model = Organization
        fields = ["id", "name_ar", "name_en", "acronym", "country"]


class PartyOutputSerializer(serializers.ModelSerializer):
    organization = OrganizationBriefSerializer()

    class Meta:
        model = AgreementParty
        fields = ["organization", "role"]


class AgreementOutputSerializer(serializers.ModelSerializer):
    """An agreement; `projects` lists only the projects the reader may see, and the internal
    `engagement` is left out for the public. Expects `selectors.agreements_for`."""

    parties = PartyOutputSerializer(many=True)
    projects = serializers.SerializerMethodField()
    effective_status = serializers.ChoiceField(
        choices=AgreementStatus.choices,
        help_text=_("The status, with “expired” derived from the end date."),
    )
    engagement = serializers.IntegerField(
        source="engagement_id",
        required=False,
        allow_null=True,
        help_text="The engagement it was signed during (staff only).",
    )

    class Meta:
        model = Agreement
        fields = [
            "id", "kind", "reference", "title_ar", "title_en", "signed_on", "signed_place",
            "effective_from", "ends_on", "value", "currency", "status", "effective_status",
            "is_public", "engagement", "parties", "projects", "row_version",
        ]  # fmt: skip

    def get_projects(self, agreement) -> list[str]:
        """Codes of the covered projects the reader may see."""
        return [project.code for project in agreement.visible_project_list]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not is_staff_member(request.user):
            data.pop("engagement", None)
        return data


class PartyInputSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    role = serializers.ChoiceField(choices=PartyRole.choices)


class AgreementInputSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=STORED_AGREEMENT_STATUSES, required=False)
    parties = PartyInputSerializer(many=True, required=False)
    projects = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Project.objects.all(), required=False
    )
    row_version = VersionField(required=False)

    class Meta:
        model = Agreement
        fields = [
            "kind", "reference", "title_ar", "title_en", "signed_on", "signed_place",
            "effective_from", "ends_on", "value", "currency", "status", "is_public",
            "engagement", "parties", "projects", "row_version",
        ]  # fmt: skip
        # Uniqueness and the rules are checked by the service, with translated messages.
        validators = []


class EngagementPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = EngagementPerson
        fields = ["name", "name_latin", "title", "title_en", "organization"]


class EngagementSerializer(serializers.ModelSerializer):
    organizations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organization.objects.all(), required=False
    )
    people = EngagementPersonSerializer(many=True, required=False)
    row_version = VersionField(required=False)

    class Meta:
        model = Engagement
        fields = [
            "id", "kind", "title_ar", "title_en", "starts_on", "ends_on", "place_ar", "place_en",
            "organizations", "people", "topics_ar", "topics_en", "summary_ar", "summary_en",
            "decisions_ar", "decisions_en", "row_version",
        ]  # fmt: skip


class ActionItemSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    row_version = VersionField(required=False)

    class Meta:
        model = ActionItem
        fields = [
            "id", "engagement", "description_ar", "description_en", "owner_user",
            "owner_organization", "due_on", "status", "agreement", "project", "completed_on",
            "is_overdue", "row_version",
        ]  # fmt: skip
        read_only_fields = ["completed_on"]
        validators = []
