"""The organization list's filters, shared by the staff page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from imar.core.search import filter_by_search
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization


def _search(queryset, name, value):
    return filter_by_search(queryset, value)


class OrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_search)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=countries)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganizationKind.choices)

    class Meta:
        model = Organization
        fields = ["q", "country", "kind"]
