"""Server-side clustering of map points by zoom and bounding box (a grid in Web Mercator
pixels, as Leaflet draws the map): the whole country is a few dozen clusters, and the
points come out one by one as the map zooms in.

At zoom `z` the world is `256 * 2**z` pixels wide; a cell is `CELL_PX` pixels square.
Every point falls in exactly one cell of each zoom. A request asks for the cells that
meet its bounding box, each with *all* its points (not only those inside the box), so a
cluster's count does not change as the map pans. A cell holding one point, or any cell
from `POINTS_FROM_ZOOM`, gives its points; other cells give one cluster (count, centroid,
bounds of its points, which the map zooms to).

Pure: no Django. `PointIndex` is built once per set of points (the caller caches it) and
answers any zoom and box; grids of the low zooms are kept after their first use.
"""

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

TILE_PX = 256
CELL_PX = 60
MIN_ZOOM, MAX_ZOOM = 0, 18
POINTS_FROM_ZOOM = 15  # from here every point is sent by itself
GRID_KEPT_UP_TO = 10  # the whole grid of a zoom up to this one is kept once computed
MAX_LAT = 85.05112878  # Web Mercator's edge


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    data: tuple  # what the caller sends for a single point (e.g. code, sector, status)


@dataclass(frozen=True, slots=True)
class Cluster:
    lat: float  # centroid of its points
    lon: float
    count: int
    south: float
    west: float
    north: float
    east: float


def pixel_x(lon: float, zoom: int) -> float:
    return (lon + 180.0) / 360.0 * TILE_PX * 2**zoom


def pixel_y(lat: float, zoom: int) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    s = math.sin(math.radians(lat))
    return (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * TILE_PX * 2**zoom


def lon_of_x(x: float, zoom: int) -> float:
    return x / (TILE_PX * 2**zoom) * 360.0 - 180.0


def cell_of(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    return int(pixel_x(lon, zoom) // CELL_PX), int(pixel_y(lat, zoom) // CELL_PX)


def cells_meeting(bbox: tuple[float, float, float, float], zoom: int) -> tuple[int, int, int, int]:
    """(first column, last column, first row, last row) of the cells that meet
    `bbox` = (west, south, east, north)."""
    west, south, east, north = bbox
    return (
        int(pixel_x(west, zoom) // CELL_PX),
        int(pixel_x(east, zoom) // CELL_PX),
        int(pixel_y(north, zoom) // CELL_PX),
        int(pixel_y(south, zoom) // CELL_PX),
    )


def _summarise(points: list[Point]) -> Cluster:
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    n = len(points)
    south, west, north, east = min(lats), min(lons), max(lats), max(lons)
    # The mean, kept within the bounds (a float sum of equal values can step past them).
    return Cluster(
        lat=min(max(sum(lats) / n, south), north), lon=min(max(sum(lons) / n, west), east),
        count=n, south=south, west=west, north=north, east=east,
    )  # fmt: skip


def group(points, zoom: int) -> dict[tuple[int, int], list[Point]]:
    cells: dict[tuple[int, int], list[Point]] = {}
    for point in points:
        cells.setdefault(cell_of(point.lat, point.lon, zoom), []).append(point)
    return cells


class PointIndex:
    """Points sorted by longitude, so a box's columns are found by bisection."""

    def __init__(self, points):
        self.points = sorted(points, key=lambda p: (p.lon, p.lat))
        self.lons = [p.lon for p in self.points]
        self._grids: dict[int, dict[tuple[int, int], list[Point]]] = {}
        self._summaries: dict[int, dict[tuple[int, int], Cluster]] = {}

    def __len__(self) -> int:
        return len(self.points)

    def _cells(self, zoom: int, span: tuple[int, int, int, int]):
        x0, x1, y0, y1 = span
        if zoom <= GRID_KEPT_UP_TO:
            grid = self._grids.get(zoom)
            if grid is None:
                grid = self._grids[zoom] = group(self.points, zoom)
            return {c: ps for c, ps in grid.items() if x0 <= c[0] <= x1 and y0 <= c[1] <= y1}
        # Deep zooms: only the points in the box's columns (whole cells), then their cells.
        lo = bisect_left(self.lons, lon_of_x(x0 * CELL_PX, zoom))
        hi = bisect_right(self.lons, lon_of_x((x1 + 1) * CELL_PX, zoom))
        cells = group(self.points[lo:hi], zoom)
        return {c: ps for c, ps in cells.items() if x0 <= c[0] <= x1 and y0 <= c[1] <= y1}

    def query(self, zoom: int, bbox) -> tuple[list[Cluster], list[Point]]:
        """The clusters and single points of the cells meeting `bbox` at `zoom`."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, int(zoom)))
        clusters, singles = [], []
        cells = self._cells(zoom, cells_meeting(bbox, zoom))
        for cell in sorted(cells):
            members = cells[cell]
            if len(members) == 1 or zoom >= POINTS_FROM_ZOOM:
                singles.extend(members)
            elif zoom <= GRID_KEPT_UP_TO:  # a kept grid keeps its clusters too
                kept = self._summaries.setdefault(zoom, {})
                if cell not in kept:
                    kept[cell] = _summarise(members)
                clusters.append(kept[cell])
            else:
                clusters.append(_summarise(members))
        return clusters, singles
