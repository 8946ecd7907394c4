"""Placing a donor's location into the gazetteer: a point falls in the district whose
boundary (GeoJSON Polygon or MultiPolygon, as `geo.District.geometry` keeps it) contains
it, and is given that district's nearest municipality; administrative codes that are OCHA
p-codes name the district or municipality directly. Pure: plain data in and out."""

import math

Ring = list[list[float]]  # [[lon, lat], ...]


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Even-odd ray casting."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x:
                inside = not inside
        j = i
    return inside


def _in_polygon(lon: float, lat: float, rings: list[Ring]) -> bool:
    if not rings or not _in_ring(lon, lat, rings[0]):
        return False
    return not any(_in_ring(lon, lat, hole) for hole in rings[1:])


def contains(geometry: dict | None, lat: float, lon: float) -> bool:
    if not geometry:
        return False
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return _in_polygon(lon, lat, coords)
    if kind == "MultiPolygon":
        return any(_in_polygon(lon, lat, polygon) for polygon in coords)
    return False


def district_of(lat: float, lon: float, districts: list[tuple[int, dict | None]]) -> int | None:
    """The id of the first district whose boundary contains the point."""
    for district_id, geometry in districts:
        if contains(geometry, lat, lon):
            return district_id
    return None


class DistrictIndex:
    """`district_of` for many points: each polygon's bounding box is checked before its
    rings, and a point already placed is remembered (publishers repeat their sites)."""

    def __init__(self, districts: list[tuple[int, dict | None]]):
        self.polygons: list[tuple[int, float, float, float, float, list[Ring]]] = []
        for district_id, geometry in districts:
            if not geometry:
                continue
            kind, coords = geometry.get("type"), geometry.get("coordinates") or []
            polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
            for rings in polygons:
                if not rings or not rings[0]:
                    continue
                lons = [p[0] for p in rings[0]]
                lats = [p[1] for p in rings[0]]
                box = (min(lons), max(lons), min(lats), max(lats))
                self.polygons.append((district_id, *box, rings))
        self.seen: dict[tuple[float, float], int | None] = {}

    def district_of(self, lat: float, lon: float) -> int | None:
        key = (lat, lon)
        if key in self.seen:
            return self.seen[key]
        found = None
        for district_id, west, east, south, north, rings in self.polygons:
            if west <= lon <= east and south <= lat <= north and _in_polygon(lon, lat, rings):
                found = district_id
                break
        if len(self.seen) < 100_000:
            self.seen[key] = found
        return found


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def nearest(point: tuple[float, float], places: list[tuple[int, float, float]]) -> int | None:
    """The id of the nearest of (id, lat, lon)."""
    if not places:
        return None
    return min(places, key=lambda p: (_distance(point, (p[1], p[2])), p[0]))[0]
