"""API serializers for programs and projects: output shapes, and the input checked before a
service writes. Input and output differ (nested places and labels out, codes in)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from imar.accounts.permissions import is_staff_member, visible_organizations
from imar.core.versioning_api import VersionField
from imar.geo.models import Municipality
from imar.geo.serializers import (
    DistrictRefSerializer,
    MunicipalityRefSerializer,
    RegionRefSerializer,
)
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Program, Project, StatusChange
from imar.portfolio.sectors import SECTOR_CODES, Sector
from imar.portfolio.services import EDITABLE_FIELDS

# ---- small nested output shapes ---------------------------------------------------------


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class SectorOutputSerializer(CodeLabelSerializer):
    dac5 = serializers.CharField(help_text="OECD-DAC 5-digit purpose code.")
    oc4ids = serializers.CharField(help_text="OC4IDS projectSector code.")


class ProgramRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ar = serializers.CharField()
    name_en = serializers.CharField()


class ParticipationOutputSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    name_ar = serializers.CharField(source="organization.name_ar")
    name_en = serializers.CharField(source="organization.name_en")
    role = serializers.ChoiceField(choices=OrganizationRole.choices)
    role_label = serializers.CharField(source="get_role_display")


def _code_label(choices, value: str) -> dict:
    return {"code": value, "label": str(choices(value).label) if value else ""}


# ---- programs -----------------------------------------------------------------------------


class ProgramOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="program-detail", lookup_field="code")

    class Meta:
        model = Program
        fields = [
            "code",
            "name_ar",
            "name_en",
            "name",
            "description_ar",
            "description_en",
            "description",
            "url",
        ]


# ---- projects -----------------------------------------------------------------------------


class ProjectOutputSerializer(serializers.ModelSerializer):
    """A project as the API shows it. Expects `project_list` (places joined) with
    `participations__organization` prefetched."""

    title = serializers.CharField(read_only=True, help_text="The title in the active language.")
    program = ProgramRefSerializer(read_only=True, allow_null=True)
    sector = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    project_type = serializers.SerializerMethodField()
    municipality = MunicipalityRefSerializer(read_only=True)
    district = DistrictRefSerializer(read_only=True, source="municipality.district")
    region = RegionRefSerializer(read_only=True, source="municipality.district.region")
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    location_approximate = serializers.SerializerMethodField()
    budget = serializers.DecimalField(
        max_digits=18, decimal_places=2, read_only=True, allow_null=True, coerce_to_string=True
    )
    # Staff only: removed from the representation for everyone else.
    is_public = serializers.BooleanField(required=False)
    organizations = ParticipationOutputSerializer(source="participations", many=True)
    url = serializers.HyperlinkedIdentityField(view_name="project-detail", lookup_field="code")

    class Meta:
        model = Project
        fields = [
            "code",
            "title_ar",
            "title_en",
            "title",
            "description_ar",
            "description_en",
            "program",
            "sector",
            "project_type",
            "status",
            "municipality",
            "district",
            "region",
            "latitude",
            "longitude",
            "location_approximate",
            "location_sensitive",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget",
            "currency",
            "beneficiaries",
            "is_public",
            "organizations",
            "updated_at",
            "row_version",
            "url",
        ]

    @extend_schema_field(SectorOutputSerializer)
    def get_sector(self, project: Project) -> dict:
        codes = SECTOR_CODES.get(project.sector)
        return {
            **_code_label(Sector, project.sector),
            "dac5": codes.dac5 if codes else "",
            "oc4ids": codes.oc4ids if codes else "",
        }

    @extend_schema_field(CodeLabelSerializer)
    def get_status(self, project: Project) -> dict:
        return _code_label(ProjectStatus, project.status)

    @extend_schema_field(CodeLabelSerializer)
    def get_project_type(self, project: Project) -> dict:
        return {"code": project.project_type, "label": str(project.get_project_type_display())}

    def _point(self, project: Project) -> tuple[float, float, bool]:
        """Staff see the site; an anonymous reader sees what the public may (`public_point`)."""
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            return project.point
        return project.public_point

    def get_latitude(self, project: Project) -> float | None:
        return self._point(project)[0]

    def get_longitude(self, project: Project) -> float | None:
        return self._point(project)[1]

    def get_location_approximate(self, project: Project) -> bool:
        """True when the point is the municipality's, not the project's own."""
        return self._point(project)[2]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not is_staff_member(request.user):
            data.pop("is_public", None)
        return data


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization id among those the caller may see (engineers: their districts')."""

    def get_queryset(self):
        request = self.context.get("request")
        user = request.user if request is not None else None
        return visible_organizations(user, Organization.objects.all())


class ParticipationInputSerializer(serializers.Serializer):
    organization = VisibleOrganizationField(
        error_messages={"does_not_exist": _("Unknown organization “{pk_value}”.")},
    )
    role = serializers.ChoiceField(choices=OrganizationRole.choices)


class ProjectInputSerializer(serializers.ModelSerializer):
    """What a client sends to create or update a project. The status is not here: it only
    changes through the transition action."""

    program = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Program.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Unknown program “{value}”.")},
    )
    municipality = serializers.SlugRelatedField(
        slug_field="pcode",
        queryset=Municipality.objects.select_related("district"),
        help_text="OCHA p-code of the municipality.",
        error_messages={"does_not_exist": _("Unknown municipality “{value}”.")},
    )
    organizations = ParticipationInputSerializer(
        many=True, required=False, help_text="Replaces the organizations involved when given."
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the change was made; kept in the audit trail.",
    )
    row_version = VersionField(required=False)

    class Meta:
        model = Project
        fields = [*EDITABLE_FIELDS, "organizations", "reason", "row_version"]
        extra_kwargs = {
            "budget": {
                "min_value": Decimal("0"),
                "error_messages": {"min_value": _("The budget cannot be negative.")},
            },
        }

    def validate(self, attrs):
        errors = {}

        def value(name):
            if name in attrs:
                return attrs[name]
            return getattr(self.instance, name, None)

        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if value(start) and value(end) and value(end) < value(start):
                errors[end] = _("The end date cannot be before the start date.")
        if (value("latitude") is None) != (value("longitude") is None):
            missing = "longitude" if value("longitude") is None else "latitude"
            errors[missing] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TransitionInputSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ProjectStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class StatusChangeOutputSerializer(serializers.ModelSerializer):
    from_status = serializers.SerializerMethodField()
    to_status = serializers.SerializerMethodField()
    changed_by = serializers.SerializerMethodField()

    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "changed_by", "changed_at", "reason"]

    @extend_schema_field(CodeLabelSerializer(allow_null=True))
    def get_from_status(self, change: StatusChange) -> dict | None:
        return _code_label(ProjectStatus, change.from_status) if change.from_status else None

    @extend_schema_field(CodeLabelSerializer)
    def get_to_status(self, change: StatusChange) -> dict:
        return _code_label(ProjectStatus, change.to_status)

    def get_changed_by(self, change: StatusChange) -> str | None:
        """The staff member's user name; hidden from the public."""
        request = self.context.get("request")
        if change.changed_by is None or request is None or not is_staff_member(request.user):
            return None
        return change.changed_by.get_username()
