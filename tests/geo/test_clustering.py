"""The map's server-side clustering (imar.geo.clustering) against a brute-force check:
every cell computed point by point with no index, for many zooms and boxes."""

import math
import random

import pytest

from imar.geo import clustering
from imar.geo.clustering import Cluster, Point, PointIndex

LIBYA = (9.3, 19.5, 25.2, 33.2)  # west, south, east, north


def _points(n, seed=7):
    rng = random.Random(seed)
    towns = [(rng.uniform(20, 33), rng.uniform(10, 25)) for _ in range(40)]
    points = []
    for i in range(n):
        if i % 3 == 0:  # scattered
            lat, lon = rng.uniform(19.5, 33.2), rng.uniform(9.3, 25.2)
        else:  # around towns, some exactly on the town (a municipality's point)
            lat, lon = rng.choice(towns)
            if i % 5:
                lat, lon = lat + rng.gauss(0, 0.05), lon + rng.gauss(0, 0.05)
        points.append(Point(lat, lon, (f"P-{i}",)))
    return points


def _mercator_cell(lat, lon, zoom):
    """Written again from the formula, not from the module."""
    size = 256 * 2**zoom
    x = (lon + 180) / 360 * size
    y = 1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi
    return int(x // 60), int(y / 2 * size // 60)


def _brute(points, zoom, bbox):
    west, south, east, north = bbox
    x0, y0 = _mercator_cell(north, west, zoom)
    x1, y1 = _mercator_cell(south, east, zoom)
    cells = {}
    for p in points:
        cx, cy = _mercator_cell(p.lat, p.lon, zoom)
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            cells.setdefault((cx, cy), []).append(p)
    clusters, singles = set(), set()
    for members in cells.values():
        if len(members) == 1 or zoom >= clustering.POINTS_FROM_ZOOM:
            singles.update(members)
        else:
            lats, lons = [m.lat for m in members], [m.lon for m in members]
            clusters.add((len(members), round(sum(lats) / len(lats), 9),
                          round(sum(lons) / len(lons), 9), min(lats), max(lons)))  # fmt: skip
    return clusters, singles


def _shape(result):
    clusters, singles = result
    return (
        {(c.count, round(c.lat, 9), round(c.lon, 9), c.south, c.east) for c in clusters},
        set(singles),
    )


def test_pixels_match_leaflets_projection():
    assert clustering.pixel_x(0, 0) == pytest.approx(128)
    assert clustering.pixel_y(0, 0) == pytest.approx(128)
    assert clustering.pixel_x(180, 3) == pytest.approx(2048)
    assert clustering.pixel_y(clustering.MAX_LAT, 2) == pytest.approx(0, abs=1e-6)
    for lat, lon in [(32.9, 13.2), (20.1, 24.9), (-33.9, 151.2)]:
        assert clustering.cell_of(lat, lon, 9) == _mercator_cell(lat, lon, 9)


@pytest.mark.parametrize("zoom", [0, 3, 5, 6, 8, 10, 11, 13, 15, 17])
def test_the_index_agrees_with_brute_force(zoom):
    points = _points(1500)
    index = PointIndex(points)
    rng = random.Random(zoom)
    boxes = [LIBYA]
    for _ in range(4):
        lat, lon = rng.uniform(20, 33), rng.uniform(10, 25)
        half = 360 / 2**zoom  # about a screen at this zoom
        boxes.append((max(-180, lon - half), max(-85, lat - half / 2),
                      min(180, lon + half), min(85, lat + half / 2)))  # fmt: skip
    for bbox in boxes:
        assert _shape(index.query(zoom, bbox)) == _brute(points, zoom, bbox), bbox
        # Asked twice (the kept grid of the low zooms): the same answer.
        assert _shape(index.query(zoom, bbox)) == _brute(points, zoom, bbox)


def test_counts_add_up_and_every_point_in_the_box_is_shown():
    points = _points(2000)
    index = PointIndex(points)
    for zoom in range(4, 16):
        clusters, singles = index.query(zoom, LIBYA)
        assert sum(c.count for c in clusters) + len(singles) == len(points)
        assert all(c.count >= 2 for c in clusters)
        for c in clusters:  # the centroid lies within the cluster's bounds
            assert c.south <= c.lat <= c.north and c.west <= c.lon <= c.east


def test_whole_country_is_few_clusters_and_points_come_out_as_one_zooms_in():
    index = PointIndex(_points(4000))
    first, _ = index.query(5, LIBYA)
    assert 0 < len(first) < 200
    singles_by_zoom = [len(index.query(z, LIBYA)[1]) for z in (5, 8, 11, 15)]
    assert singles_by_zoom == sorted(singles_by_zoom) and singles_by_zoom[-1] == 4000


def test_a_cluster_keeps_its_count_while_the_map_pans():
    index = PointIndex(_points(3000))
    zoom = 7
    wide = {(round(c.lat, 9), round(c.lon, 9)): c.count for c in index.query(zoom, LIBYA)[0]}
    for c in index.query(zoom, (15.0, 25.0, 18.0, 28.0))[0]:  # a smaller box inside
        assert wide[(round(c.lat, 9), round(c.lon, 9))] == c.count


def test_empty_index():
    assert PointIndex([]).query(6, LIBYA) == ([], [])
    assert isinstance(Cluster(1, 2, 3, 1, 2, 1, 2), Cluster)
