"""Point in district, against a second formulation (winding number) on the real boundaries."""

import random

import pytest

from imar.aid import places
from imar.geo.models import District


def winding_inside(lon, lat, ring) -> bool:
    """Winding number (Sunday's algorithm): non-zero inside."""

    def is_left(a, b, p):
        return (b[0] - a[0]) * (p[1] - a[1]) - (p[0] - a[0]) * (b[1] - a[1])

    wn = 0
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        if a[1] <= lat:
            if b[1] > lat and is_left(a, b, (lon, lat)) > 0:
                wn += 1
        elif b[1] <= lat and is_left(a, b, (lon, lat)) < 0:
            wn -= 1
    return wn != 0


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def winding_contains(geometry, lat, lon) -> bool:
    return any(
        winding_inside(lon, lat, poly[0]) and not any(winding_inside(lon, lat, h) for h in poly[1:])
        for poly in polygons(geometry)
    )


@pytest.mark.django_db
def test_ray_casting_agrees_with_winding_numbers_on_random_points(gazetteer):
    rng = random.Random(14)
    districts = list(District.objects.exclude(geometry=None))
    assert len(districts) == 22
    for _ in range(400):
        lat, lon = rng.uniform(19, 34), rng.uniform(9, 26)
        for d in districts:
            assert places.contains(d.geometry, lat, lon) == winding_contains(d.geometry, lat, lon)


@pytest.mark.django_db
def test_each_district_centre_falls_in_at_most_one_district(gazetteer):
    shapes = list(District.objects.values_list("id", "geometry"))
    for d in District.objects.all():
        inside = [i for i, g in shapes if places.contains(g, d.latitude, d.longitude)]
        assert len(inside) <= 1


def test_polygon_with_a_hole():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    geometry = {"type": "Polygon", "coordinates": [square, hole]}
    assert places.contains(geometry, 2, 2)
    assert not places.contains(geometry, 5, 5)
    assert not places.contains(geometry, 20, 20)
    assert not places.contains(None, 1, 1)


def test_nearest_is_by_great_circle_distance():
    assert places.nearest((32.7, 22.6), [(1, 32.0, 22.0), (2, 32.75, 22.65), (3, 30.0, 20.0)]) == 2
    assert places.nearest((0, 0), []) is None


@pytest.mark.django_db
def test_the_district_index_places_points_as_the_plain_scan_does(gazetteer):
    shapes = list(District.objects.values_list("id", "geometry"))
    index = places.DistrictIndex(shapes)
    rng = random.Random(41)
    points = [(rng.uniform(19, 34), rng.uniform(9, 26)) for _ in range(600)]
    points += points[:50]  # remembered points answer the same
    found = [index.district_of(lat, lon) for lat, lon in points]
    assert found == [places.district_of(lat, lon, shapes) for lat, lon in points]
    assert sum(f is not None for f in found) > 100  # most of the box is Libya
