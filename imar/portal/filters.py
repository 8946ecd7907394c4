"""The public filters: the portal's lists, its download links, the public API and
`imar export` all read the same parameters through this one filter set."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from imar.partners.models import AgreementParty
from imar.portal.public import (
    public_agreements,
    public_organizations,
    public_participations,
    public_programs,
)
from imar.portfolio.filters import ProjectFilterSet


class PublicProjectFilterSet(ProjectFilterSet):
    code = django_filters.CharFilter(label=_("Project code"), field_name="code")
    organization_country = django_filters.ChoiceFilter(
        label=_("Partner country"), choices=list(countries), method="filter_organization_country"
    )

    class Meta(ProjectFilterSet.Meta):
        fields = [*ProjectFilterSet.Meta.fields, "code", "organization_country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices drawn from what is public, so a filter cannot probe private records.
        self.filters["organization"].queryset = public_organizations()
        self.filters["program"].queryset = public_programs()

    def filter_agreement_country(self, queryset, name, value: str):
        # Only public agreements count here, whoever asks: a confidential agreement must not
        # be inferable from which projects a country filter returns.
        parties = AgreementParty.objects.filter(
            agreement=OuterRef("pk"), organization__country=value
        )
        covering = public_agreements().filter(Exists(parties), projects=OuterRef("pk"))
        return queryset.filter(Exists(covering))

    def filter_organization_country(self, queryset, name, value: str):
        involved = public_participations().filter(
            project=OuterRef("pk"), organization__country=value
        )
        return queryset.filter(Exists(involved))


def filter_public_projects(queryset, params):
    """(filtered queryset, filter set): invalid parameters give no rows, and the
    filter set's form errors name the field."""
    filterset = PublicProjectFilterSet(params, queryset=queryset)
    if filterset.is_valid():
        return filterset.qs, filterset
    return queryset.none(), filterset
