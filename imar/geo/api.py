"""/api/v1/regions/, /districts/ and /municipalities/: the gazetteer, read only."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from imar.core.search import filter_by_search
from imar.geo.models import District, Municipality, Region
from imar.geo.serializers import (
    DistrictOutputSerializer,
    MunicipalityOutputSerializer,
    RegionOutputSerializer,
)


def _search(queryset: QuerySet, name: str, value: str) -> QuerySet:
    return filter_by_search(queryset, value)


class DistrictFilterSet(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        help_text="Region p-code.",
    )
    q = django_filters.CharFilter(
        label=_("Search"), method=_search, help_text="Search both names and the ISO code."
    )

    class Meta:
        model = District
        fields = ["region", "q"]


class MunicipalityFilterSet(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="iso_code",
        help_text="District ISO 3166-2 code, e.g. LY-DR.",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="district__region",
        queryset=Region.objects.all(),
        to_field_name="code",
        help_text="Region p-code.",
    )
    q = django_filters.CharFilter(
        label=_("Search"), method=_search, help_text="Search both names (Arabic variants folded)."
    )

    class Meta:
        model = Municipality
        fields = ["district", "region", "q"]


@extend_schema_view(
    list=extend_schema(summary="List Libya's regions"),
    retrieve=extend_schema(summary="One region"),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.order_by("code")
    serializer_class = RegionOutputSerializer
    lookup_field = "code"
    filter_backends = []


INCLUDE_GEOMETRY = OpenApiParameter(
    "include",
    OpenApiTypes.STR,
    enum=["geometry"],
    description="`geometry` adds each district's boundary (GeoJSON); left out by default.",
)


@extend_schema_view(
    list=extend_schema(summary="List districts", parameters=[INCLUDE_GEOMETRY]),
    retrieve=extend_schema(summary="One district", parameters=[INCLUDE_GEOMETRY]),
)
class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DistrictOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = DistrictFilterSet
    lookup_field = "iso_code"

    def _include_geometry(self) -> bool:
        return "geometry" in self.request.query_params.get("include", "").split(",")

    def get_queryset(self):
        queryset = District.objects.select_related("region").order_by("name_en")
        if not self._include_geometry():
            # Boundaries are the bulk of the table: don't even read them when not asked.
            queryset = queryset.defer("geometry")
        return queryset

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "include_geometry": self._include_geometry()}


@extend_schema_view(
    list=extend_schema(summary="List municipalities"),
    retrieve=extend_schema(summary="One municipality"),
)
class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Municipality.objects.select_related("district__region").order_by("name_en")
    serializer_class = MunicipalityOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MunicipalityFilterSet
    lookup_field = "pcode"


def register(router) -> None:
    router.register("regions", RegionViewSet, basename="region")
    router.register("districts", DistrictViewSet, basename="district")
    router.register("municipalities", MunicipalityViewSet, basename="municipality")
