"""/api/v1/regions/, /districts/ and /municipalities/: the gazetteer for scripts and maps."""

import pytest
from rest_framework.test import APIClient

from imar.geo.models import District, Municipality


@pytest.fixture
def api(gazetteer):
    return APIClient()


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_regions_are_east_west_and_south(api):
    rows = results(api.get("/api/v1/regions/", HTTP_ACCEPT_LANGUAGE="en"))
    assert [(r["code"], r["name_en"], r["name"]) for r in rows] == [
        ("LY01", "East", "East"),
        ("LY02", "West", "West"),
        ("LY03", "South", "South"),
    ]
    assert api.get("/api/v1/regions/LY01/").json()["name"] == "الشرق"


def test_districts_list_all_22_without_their_boundary(api):
    response = api.get("/api/v1/districts/", {"page_size": 100})
    rows = results(response)
    assert len(rows) == 22
    assert all("geometry" not in row for row in rows)
    derna = next(row for row in rows if row["iso_code"] == "LY-DR")
    assert derna["region"] == {"code": "LY01", "name_ar": "الشرق", "name_en": "East"}
    assert derna["name"] == District.objects.get(iso_code="LY-DR").name_ar


def test_districts_include_their_boundary_when_asked(api):
    rows = results(api.get("/api/v1/districts/", {"include": "geometry", "page_size": 100}))
    assert len(rows) == 22
    derna = next(row for row in rows if row["iso_code"] == "LY-DR")
    assert derna["geometry"] == District.objects.get(iso_code="LY-DR").geometry
    assert derna["geometry"]["type"] in ("Polygon", "MultiPolygon")
    one = api.get("/api/v1/districts/LY-DR/", {"include": "geometry"}).json()
    assert one["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert "geometry" not in api.get("/api/v1/districts/LY-DR/").json()


def test_districts_filter_by_region_and_search(api):
    east = results(api.get("/api/v1/districts/", {"region": "LY01", "page_size": 100}))
    assert {row["iso_code"] for row in east} == set(
        District.objects.filter(region__code="LY01").values_list("iso_code", flat=True)
    )
    assert "LY-TB" not in {row["iso_code"] for row in east}
    assert [row["iso_code"] for row in results(api.get("/api/v1/districts/", {"q": "درنه"}))] == [
        "LY-DR"
    ]


def test_municipalities_filter_by_district_region_and_search(api):
    in_derna = results(api.get("/api/v1/municipalities/", {"district": "LY-DR"}))
    assert sorted(row["pcode"] for row in in_derna) == [
        "LY010101",
        "LY010102",
        "LY010103",
        "LY010104",
        "LY010105",
    ]
    south = results(api.get("/api/v1/municipalities/", {"region": "LY03", "page_size": 200}))
    assert len(south) == Municipality.objects.filter(district__region__code="LY03").count() > 0
    assert all(row["region"]["code"] == "LY03" for row in south)
    searched = results(api.get("/api/v1/municipalities/", {"q": "طرابلس"}))
    assert "LY021104" in [row["pcode"] for row in searched]
    assert all("طرابلس" in row["name_ar"] for row in searched)


def test_municipality_detail_names_its_district_and_region(api):
    data = api.get("/api/v1/municipalities/LY010102/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["name"] == "Derna"
    assert data["district"]["iso_code"] == "LY-DR"
    assert data["region"]["code"] == "LY01"
    assert data["location_approximate"] is False
    assert isinstance(data["latitude"], float)


def test_unknown_district_filter_is_a_400_naming_the_filter(api):
    response = api.get("/api/v1/municipalities/", {"district": "LY-XX"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "district" in response.json()


def test_geo_lists_cost_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    # count, page, and the request's savepoint pair; places are joined, not fetched per row
    with django_assert_max_num_queries(4):
        assert len(results(api.get("/api/v1/municipalities/", {"page_size": 100}))) == 100
    with django_assert_max_num_queries(4):
        assert len(results(api.get("/api/v1/districts/", {"include": "geometry"}))) == 22


def test_the_gazetteer_is_read_only(officer, gazetteer):
    client = APIClient()
    client.force_authenticate(officer)
    response = client.post("/api/v1/regions/", {"code": "LY09"}, format="json")
    assert response.status_code == 405
