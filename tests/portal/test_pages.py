import re

import pytest
from django.urls import reverse

from tests.opendata.conftest import assert_no_sentinel


def _pages(world):
    housing, ministry = world["housing"], world["ministry"]
    return [
        reverse("portal:home"),
        reverse("portal:map"),
        reverse("portal:map_points"),
        reverse("portal:district_shapes"),
        reverse("portal:project_list"),
        reverse("portal:project_detail", args=[housing.code]),
        reverse("portal:district_detail", args=["LY-DR"]),
        reverse("portal:sector_detail", args=["housing"]),
        reverse("portal:partner_detail", args=[world["turkish"].pk]),
        reverse("portal:partner_detail", args=[ministry.pk]),
        reverse("portal:program_detail", args=["DRN"]),
        reverse("portal:search") + "?q=SENTINEL",
        reverse("portal:search") + "?q=درنه",
    ]


@pytest.fixture
def world_with_program(world, program):
    world["housing"].program = program
    world["housing"].save()
    return world


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_public_page_opens_anonymously_without_private_data(
    client, world_with_program, language
):
    client.cookies["imar_language"] = language
    for url in _pages(world_with_program):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_sentinel(response.content.decode())


def test_private_project_page_is_404(client, world):
    assert client.get(reverse("portal:project_detail", args=["SENT-PRIV"])).status_code == 404


def test_partner_only_in_private_projects_is_404(client, world):
    url = reverse("portal:partner_detail", args=[world["secret_org"].pk])
    assert client.get(url).status_code == 404


def test_home_shows_key_figures_in_arabic(client, world):
    client.cookies["imar_language"] = "ar"
    html = client.get("/").content.decode()
    assert 'dir="rtl"' in html
    assert re.search(r'عدد المستفيدين: <strong class="num">1\D?200</strong>', html)
    assert "درنه" in html  # the gazetteer's spelling
    assert "/open-data/projects.csv" in html
    assert "إعادة الإعمار بشفافية" in html
    assert "عدد المستفيدين" in html


def test_project_page_shows_public_agreement_not_confidential_one(client, world):
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("portal:project_detail", args=["DRN-001"])).content.decode()
    assert "Al-Bilad works contract" in html
    assert "Anadolu Construction" in html
    assert "/open-data/projects.xml?code=DRN-001" in html


def test_search_finds_a_place_spelled_three_ways(client, world):
    for spelling in ["درنة", "درنه", "دَرْنَة"]:
        html = client.get(reverse("portal:search"), {"q": spelling}).content.decode()
        assert reverse("portal:district_detail", args=["LY-DR"]) in html, spelling


def test_project_list_filters_by_partner_country(client, world):
    response = client.get(reverse("portal:project_list"), {"organization_country": "TR"})
    codes = [p.code for p in response.context["page"].object_list]
    assert codes == ["DRN-001"]


def test_project_list_names_a_bad_filter(client, world):
    client.cookies["imar_language"] = "en"
    response = client.get(reverse("portal:project_list"), {"status": "flying"})
    assert "Select a valid choice" in response.content.decode()
    assert list(response.context["page"].object_list) == []


def test_project_list_query_count_does_not_grow_with_rows(
    client, world, make_project, django_assert_max_num_queries
):
    for _ in range(30):
        make_project()
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:project_list"))


def test_map_points_hold_public_projects_only(client, world):
    data = client.get(reverse("portal:map_points")).json()
    assert sorted(p[0] for p in data["points"]) == ["DRN-001", "TRP-002"]
    assert len(data["sectors"]) == 16


def test_map_page_loads_leaflet_but_home_does_not(client, world):
    assert b"leaflet.js" in client.get(reverse("portal:map")).content
    assert b"leaflet" not in client.get("/").content


def test_district_polygons_are_geojson(client, gazetteer):
    data = client.get(reverse("portal:district_shapes")).json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 22


def test_district_page_shows_assessed_needs(client, world):
    from datetime import date
    from decimal import Decimal

    from imar.geo.models import Municipality
    from imar.needs.models import Assessment, DamageRecord

    assessment = Assessment.objects.create(
        name_ar="تقييم العاصفة",
        name_en="Storm assessment",
        conducted_on=date(2023, 10, 1),
        notes="SENTINEL-NOTE-7",
    )
    DamageRecord.objects.create(
        assessment=assessment,
        municipality=Municipality.objects.get(pcode="LY010102"),
        sector=DamageRecord._meta.get_field("sector").choices[0][0],
        damage=Decimal("5000000"),
        recovery_needs=Decimal("7000000"),
        people_affected=4321,
    )
    client.cookies["imar_language"] = "en"
    html = client.get("/public/districts/LY-DR/").content.decode()
    assert "Storm assessment" in html
    assert "4,321" in html
    assert_no_sentinel(html)


def test_agreement_country_filter_ignores_confidential_agreements(client, world):
    from imar.partners.enums import PartyRole
    from imar.partners.models import AgreementParty

    AgreementParty.objects.create(
        agreement=world["confidential"], organization=world["secret_org"], role=PartyRole.FUNDER
    )
    for url in ["/public/projects/", "/api/v1/public/projects/", "/open-data/projects.csv"]:
        response = client.get(url, {"agreement_country": "FR"})
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8-sig")
        assert "DRN-001" not in body, url
    response = client.get("/public/projects/", {"agreement_country": "TR"})
    assert [p.code for p in response.context["page"].object_list] == ["DRN-001"]
