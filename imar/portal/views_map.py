"""The public map: a light page, its script, and two compact JSON feeds."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page

from imar.geo.models import District
from imar.geo.points import is_location_sensitive, public_point, sensitive_districts
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector

SECTORS = list(Sector.values)
STATUSES = list(ProjectStatus.values)


def map_page(request):
    return render(
        request,
        "portal/map.html",
        {
            "sectors": Sector.choices,
            "statuses": ProjectStatus.choices,
            "tile_url": settings.IMAR_MAP_TILE_URL,
            "tile_attribution": settings.IMAR_MAP_TILE_ATTRIBUTION,
        },
    )


def map_points(request):
    """Public projects as [code, lat, lon, sector index, status index] rows: small enough
    for 100,000 points, with the legend's order in `sectors` and `statuses`."""
    queryset, filterset = filter_public_projects(Project.objects.public(), request.GET)
    if filterset.errors:
        return JsonResponse({"errors": filterset.errors}, status=400)
    rows = queryset.order_by().values_list(
        "code",
        "latitude",
        "longitude",
        "municipality__latitude",
        "municipality__longitude",
        "location_sensitive",
        "municipality__district__iso_code",
        "sector",
        "status",
    )
    districts = sensitive_districts()
    points = []
    for code, lat, lon, town_lat, town_lon, flag, district, sector, status in rows.iterator(
        chunk_size=5000
    ):
        sensitive = is_location_sensitive(flag, district, districts)
        lat, lon, _approximate = public_point(lat, lon, town_lat, town_lon, sensitive=sensitive)
        points.append(
            [code, round(lat, 5), round(lon, 5), SECTORS.index(sector), STATUSES.index(status)]
        )
    return JsonResponse(
        {
            "sectors": [str(label) for _, label in Sector.choices],
            "statuses": [str(label) for _, label in ProjectStatus.choices],
            "points": points,
        }
    )


@cache_page(60 * 60)
def district_shapes(request):
    """District boundaries as GeoJSON: the base layer that works with no internet."""
    features = [
        {
            "type": "Feature",
            "id": iso_code,
            "geometry": geometry,
            "properties": {"iso_code": iso_code, "name_ar": name_ar, "name_en": name_en},
        }
        for iso_code, name_ar, name_en, geometry in District.objects.exclude(
            geometry=None
        ).values_list("iso_code", "name_ar", "name_en", "geometry")
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
