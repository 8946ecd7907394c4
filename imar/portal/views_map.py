"""The public map: a light page, its script and its JSON feeds (points, district shapes,
place names for labels and search, and one project's popup)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page

from imar.core.search import filter_by_search
from imar.feedback.selectors import project_counts
from imar.geo import clustering
from imar.geo.models import District, Municipality
from imar.geo.points import is_location_sensitive, public_point, sensitive_districts
from imar.portal import map_clusters as cluster_index
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


MAX_BOX_PX = 8192  # a box wider or taller than this many pixels at its zoom is refused
CLUSTER_FILTERS = ("sector", "status")


def _zoom_and_box(params) -> tuple[int | None, tuple | None, dict]:
    errors = {}
    zoom = bbox = None
    try:
        zoom = int(params.get("zoom", ""))
        if not clustering.MIN_ZOOM <= zoom <= clustering.MAX_ZOOM:
            raise ValueError
    except ValueError:
        errors["zoom"] = [
            _("The zoom must be a whole number from %(low)s to %(high)s.")
            % {"low": clustering.MIN_ZOOM, "high": clustering.MAX_ZOOM}
        ]
    try:
        west, south, east, north = (float(v) for v in params.get("bbox", "").split(","))
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValueError
        bbox = (west, south, east, north)
    except ValueError:
        errors["bbox"] = [
            _("The box must be four numbers: west,south,east,north, in degrees, west < east "
              "and south < north.")
        ]  # fmt: skip
    if zoom is not None and bbox is not None:
        x0, x1, y0, y1 = clustering.cells_meeting(bbox, zoom)
        if max(x1 - x0, y1 - y0) * clustering.CELL_PX > MAX_BOX_PX:
            errors["bbox"] = [
                _("The box is too large for this zoom: zoom in or ask a smaller box.")
            ]
    return zoom, bbox, errors


def map_clusters(request):
    """Public projects for one view of the map: the clusters and single points of the
    cells that meet `bbox` (west,south,east,north) at `zoom`, filtered by `sector` and
    `status`. Clusters are [lat, lon, count, south, west, north, east]; points are
    [code, lat, lon, sector index, status index] at their public point (a location-sensitive
    project at its municipality's); `total` counts every project the filters keep."""
    zoom, bbox, errors = _zoom_and_box(request.GET)
    params = {name: request.GET[name] for name in CLUSTER_FILTERS if request.GET.get(name)}
    queryset, filterset = filter_public_projects(Project.objects.public(), params)
    if filterset.errors:
        errors.update(filterset.errors)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    index = cluster_index.index_for(queryset, tuple(sorted(params.items())))
    clusters, singles = index.query(zoom, bbox)
    return JsonResponse(
        {
            "zoom": zoom,
            "total": len(index),
            "clusters": [
                [round(c.lat, 5), round(c.lon, 5), c.count, c.south, c.west, c.north, c.east]
                for c in clusters
            ],
            "points": [[p.data[0], p.lat, p.lon, p.data[1], p.data[2]] for p in singles],
            "sectors": [str(label) for _, label in Sector.choices],
            "statuses": [str(label) for _, label in ProjectStatus.choices],
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


MAX_PLACES = 20


def _place_rows(query: str):
    districts = District.objects.order_by("name_en")
    towns = Municipality.objects.select_related("district").order_by("name_en")
    if query:
        districts, towns = filter_by_search(districts, query), filter_by_search(towns, query)
    rows = [
        {
            "kind": "district",
            "code": d.iso_code,
            "name_ar": d.name_ar,
            "name_en": d.name_en,
            "lat": round(d.latitude, 5),
            "lon": round(d.longitude, 5),
            "population": d.population,
            "url": reverse("portal:district_detail", args=[d.iso_code]),
        }
        for d in districts.only(
            "iso_code", "name_ar", "name_en", "latitude", "longitude", "population"
        )
    ]
    rows += [
        {
            "kind": "municipality",
            "code": m.pcode,
            "name_ar": m.name_ar,
            "name_en": m.name_en,
            "lat": round(m.latitude, 5),
            "lon": round(m.longitude, 5),
            "population": m.population,
            "district_ar": m.district.name_ar,
            "district_en": m.district.name_en,
            "url": reverse("portal:district_detail", args=[m.district.iso_code]),
        }
        for m in towns.only(
            "pcode", "name_ar", "name_en", "latitude", "longitude", "population",
            "district__iso_code", "district__name_ar", "district__name_en",
        )
    ]  # fmt: skip
    return rows


def map_places(request):
    """Districts and municipalities with their points: every one for the map's labels, or
    those matching `q` (all words, Arabic spelling variants folded by imar.core.text) for
    the place search, districts first, at most 20."""
    query = (request.GET.get("q") or "")[:100]
    rows = _place_rows(query)
    if query:
        rows = rows[:MAX_PLACES]
    return JsonResponse({"query": query, "places": rows})


def map_project(request, code):
    """What a project's popup on the map shows: its title, place, status, the citizens'
    cases counts, and the addresses of its page and of its feedback form."""
    project = get_object_or_404(
        Project.objects.public().select_related("municipality__district"), code=code
    )
    counts = project_counts(project)
    return JsonResponse(
        {
            "code": project.code,
            "title": project.title,
            "place": f"{project.municipality.name} · {project.municipality.district.name}",
            "status": str(project.get_status_display()),
            "cases": counts,
            "project_url": reverse("portal:project_detail", args=[project.code]),
            "feedback_url": reverse("feedback:case_new", args=[project.code]),
        }
    )
