"""The project filters, shared by the staff list, the API and the exports' URL parameters."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from imar.accounts import permissions
from imar.core.countries import country_choices
from imar.core.filters import OrderingFilter
from imar.core.public import related_model
from imar.core.search import filter_by_search
from imar.geo.models import District, Municipality, Region
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Program, Project, ProjectOrganization
from imar.portfolio.sectors import Sector


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        empty_label=_("All"),
        field_name="municipality__district__region",
        queryset=Region.objects.all(),
        to_field_name="code",
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        empty_label=_("All"),
        field_name="municipality__district",
        queryset=District.objects.all(),
        to_field_name="iso_code",
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        empty_label=_("All"),
        queryset=Municipality.objects.select_related("district"),
        to_field_name="pcode",
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All")
    )
    program = django_filters.ModelChoiceFilter(
        label=_("Program"),
        empty_label=_("All"),
        queryset=lambda request: permissions.visible_programs(
            getattr(request, "user", None), Program.objects.all()
        ),
        to_field_name="code",
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        empty_label=_("All"),
        queryset=lambda request: permissions.visible_organizations(
            getattr(request, "user", None), Organization.objects.all()
        ),
        method="filter_organization",
    )
    agreement_country = django_filters.ChoiceFilter(
        label=_("Covered by agreements with"),
        choices=country_choices,
        method="filter_agreement_country",
        empty_label=_("All"),
    )
    organization_country = django_filters.ChoiceFilter(
        label=_("Partner country"),
        choices=country_choices,
        method="filter_organization_country",
        empty_label=_("All"),
    )
    # "Funded by": organizations in the funder role only (a project a US engineer supervises
    # is not "funded by the US"); `organization_country` above matches any role.
    funder_country = django_filters.ChoiceFilter(
        label=_("Funded by (country)"),
        choices=country_choices,
        method="filter_funder_country",
        empty_label=_("All"),
    )
    funder = django_filters.ModelChoiceFilter(
        label=_("Funded by (organization)"),
        empty_label=_("All"),
        queryset=lambda request: permissions.visible_organizations(
            getattr(request, "user", None),
            Organization.objects.filter(
                pk__in=ProjectOrganization.objects.filter(role=OrganizationRole.FUNDER).values(
                    "organization"
                )
            ),
        ),
        method="filter_funder",
    )
    ordering = OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Code"),
        fields=(
            ("code", "code"),
            ("title_en", "title"),
            ("budget", "budget"),
            ("planned_start", "planned_start"),
            ("planned_end", "planned_end"),
            ("status", "status"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "code": _("Code"),
            "title_en": _("Title"),
            "budget": _("Budget"),
            "planned_start": _("Planned start"),
            "planned_end": _("Planned end"),
            "status": _("Status"),
            "updated_at": _("Last updated"),
        },
    )

    class Meta:
        model = Project
        fields = ["q", "region", "district", "municipality", "sector", "status", "program"]

    def participations(self):
        """The participations a funder filter may look at (all of them for staff, the
        public ones on the public filter set)."""
        return ProjectOrganization.objects.all()

    @extend_schema_field(OpenApiTypes.STR)
    def filter_organization_country(self, queryset, name, value: str):
        # Any role: a funder, an implementer, a contractor or a supervising engineer.
        involved = self.participations().filter(
            project=OuterRef("pk"), organization__country=value.upper()
        )
        return queryset.filter(Exists(involved))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_funder_country(self, queryset, name, value: str):
        funding = self.participations().filter(
            project=OuterRef("pk"),
            role=OrganizationRole.FUNDER,
            organization__country=value.upper(),
        )
        return queryset.filter(Exists(funding))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_funder(self, queryset, name, value):
        funding = self.participations().filter(
            project=OuterRef("pk"), role=OrganizationRole.FUNDER, organization=value
        )
        return queryset.filter(Exists(funding))

    def filter_search(self, queryset, name, value):
        return filter_by_search(queryset, value)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_agreement_country(self, queryset, name, value):
        # Projects covered by an agreement with a party from this country; without a
        # request (exports) only public agreements count, so none leaks a confidential one.
        # The agreements are reached through the relation: partners sit above the registry.
        user = getattr(getattr(self, "request", None), "user", None)
        agreements = related_model(Project, "agreements")._default_manager.filter(
            parties__organization__country=value.upper()
        )
        covering = permissions.visible_agreements(user, agreements).filter(projects=OuterRef("pk"))
        return queryset.filter(Exists(covering))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_organization(self, queryset, name, value):
        # EXISTS, not a join: a project with two roles for one organization appears once.
        involved = ProjectOrganization.objects.filter(project=OuterRef("pk"), organization=value)
        return queryset.filter(Exists(involved))


class PublicProjectFilterSet(ProjectFilterSet):
    """The public filters: the portal's lists, its download links, the public API and
    `imar export` all read the same parameters through this one filter set, and every
    choice and join in it goes through the models' `.public()`."""

    code = django_filters.CharFilter(label=_("Project code"), field_name="code")

    class Meta(ProjectFilterSet.Meta):
        fields = [*ProjectFilterSet.Meta.fields, "code", "organization_country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices drawn from what is public, so a filter cannot probe private records.
        self.filters["organization"].queryset = Organization.objects.public()
        self.filters["program"].queryset = Program.objects.public()
        self.filters["funder"].queryset = Organization.objects.public().filter(
            pk__in=ProjectOrganization.objects.public()
            .filter(role=OrganizationRole.FUNDER)
            .values("organization")
        )

    def participations(self):
        return ProjectOrganization.objects.public()

    def filter_agreement_country(self, queryset, name, value: str):
        # Only public agreements count here, whoever asks: a confidential agreement must not
        # be inferable from which projects a country filter returns.
        agreements = related_model(Project, "agreements")._default_manager.public()
        covering = agreements.filter(parties__organization__country=value, projects=OuterRef("pk"))
        return queryset.filter(Exists(covering))


def filter_public_projects(queryset, params):
    """(filtered queryset, filter set): invalid parameters give no rows, and the
    filter set's form errors name the field."""
    filterset = PublicProjectFilterSet(params, queryset=queryset)
    if filterset.is_valid():
        return filterset.qs, filterset
    return queryset.none(), filterset
