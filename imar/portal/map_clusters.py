"""The map's cluster feed: public projects at their public points (imar.geo.points), in a
`PointIndex` (imar.geo.clustering) built once per public data version and filter, kept in
this process (a few recent ones), and asked for any zoom and bounding box."""

import threading
from collections import OrderedDict

from imar.core import public_version
from imar.geo.clustering import Point, PointIndex
from imar.geo.points import is_location_sensitive, public_point, sensitive_districts
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.sectors import Sector

SECTORS = list(Sector.values)
STATUSES = list(ProjectStatus.values)
KEPT = 8  # indexes kept per process (one per filter asked recently)

_indexes: OrderedDict = OrderedDict()
_lock = threading.Lock()


def build_index(queryset) -> PointIndex:
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
        data = (code, SECTORS.index(sector), STATUSES.index(status))
        points.append(Point(round(lat, 5), round(lon, 5), data))
    return PointIndex(points)


def index_for(queryset, filter_key: tuple) -> PointIndex:
    """The index of `queryset`'s public points, rebuilt when public data has changed."""
    key = (public_version.current(), filter_key, sensitive_districts())
    with _lock:
        index = _indexes.get(key)
        if index is not None:
            _indexes.move_to_end(key)
            return index
    index = build_index(queryset)
    with _lock:
        _indexes[key] = index
        while len(_indexes) > KEPT:
            _indexes.popitem(last=False)
    return index


def forget() -> None:
    with _lock:
        _indexes.clear()
