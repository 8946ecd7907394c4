"""Filters shared by the staff list and the API: reporting organization ref, district,
sector, status, linked or not."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.aid.enums import ACTIVITY_STATUSES
from imar.aid.models import DonorActivity
from imar.geo.models import District


class ActivityFilterSet(django_filters.FilterSet):
    reporting_org = django_filters.CharFilter(
        field_name="reporting_org_ref", label=_("Reporting organization ref")
    )
    district = django_filters.CharFilter(method="filter_district", label=_("District"))
    sector = django_filters.CharFilter(method="filter_sector", label=_("Sector"))
    status = django_filters.ChoiceFilter(choices=list(ACTIVITY_STATUSES.items()), label=_("Status"))
    linked = django_filters.BooleanFilter(field_name="is_linked", label=_("Linked to a project"))

    class Meta:
        model = DonorActivity
        fields = ["reporting_org", "district", "sector", "status", "linked"]

    def filter_district(self, queryset, name, value):
        """A district's ISO code (LY-TB) or OCHA p-code (LY010) or id."""
        value = value.strip()
        match = Q(iso_code__iexact=value) | Q(pcode__iexact=value)
        if value.isdigit():
            match |= Q(pk=int(value))
        return queryset.filter(districts__in=District.objects.filter(match)).distinct()

    def filter_sector(self, queryset, name, value):
        """A fund sector code (water_sanitation) or an IATI sector code (14020)."""
        value = value.strip()
        ids = [
            pk
            for pk, sectors in queryset.values_list("pk", "sectors")
            if any(value in (s.get("sector"), s.get("code")) for s in sectors)
        ]
        return queryset.filter(pk__in=ids)
