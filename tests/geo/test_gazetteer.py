"""Libya's gazetteer as shipped: 3 regions, 22 districts, 100 municipalities."""

import pytest

from imar.geo.loader import load_gazetteer
from imar.geo.models import District, Municipality, Region


def test_counts_and_codes(gazetteer):
    assert Region.objects.count() == 3
    assert District.objects.count() == 22
    assert Municipality.objects.count() == 100
    assert set(Region.objects.values_list("name_en", flat=True)) == {"East", "West", "South"}
    assert District.objects.get(iso_code="LY-BA").pcode == "LY0103"


def test_every_district_has_both_names_a_point_and_a_polygon(gazetteer):
    for district in District.objects.all():
        assert district.name_ar and district.name_en
        assert 19 < district.latitude < 34 and 9 < district.longitude < 26
        assert district.geometry["type"] in {"Polygon", "MultiPolygon"}


def test_municipality_points_are_real_or_marked_approximate(gazetteer):
    derna = Municipality.objects.get(pcode="LY010102")
    assert not derna.location_is_approximate
    assert derna.latitude == pytest.approx(32.76, abs=0.05)
    approximate = Municipality.objects.filter(location_is_approximate=True)
    assert approximate.count() == 73
    for municipality in approximate.select_related("district")[:10]:
        assert municipality.latitude == municipality.district.latitude


def test_storm_municipalities_are_in_the_east(gazetteer):
    for pcode in ["LY010102", "LY010601", "LY010602", "LY010202"]:
        assert Municipality.objects.get(pcode=pcode).district.region.name_en == "East"


def test_loading_twice_changes_nothing(gazetteer):
    assert load_gazetteer() == {"regions": 3, "districts": 22, "municipalities": 100}


def test_search_key_folds_arabic_spelling(gazetteer):
    derna = District.objects.get(iso_code="LY-DR")
    assert "درنه" in derna.search_text
