"""The public map's feeds and page: place names for labels and the place search (Arabic
spelling variants folded), a project's popup, translated controls."""

import pytest
from django.urls import reverse

from imar.feedback import services

pytestmark = pytest.mark.django_db


def _places(client, q=None):
    response = client.get(reverse("portal:map_places"), {"q": q} if q is not None else {})
    assert response.status_code == 200
    return response.json()["places"]


def test_every_district_and_town_has_a_label(client, gazetteer):
    places = _places(client)
    kinds = [p["kind"] for p in places]
    assert kinds.count("district") == 22 and kinds.count("municipality") >= 100
    derna = next(p for p in places if p["kind"] == "district" and p["code"] == "LY-DR")
    assert derna["name_en"] == "Derna" and derna["url"] == "/public/districts/LY-DR/"
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


@pytest.mark.parametrize("query", ["درنة", "درنه", "دَرْنَة", "DERNA", "derna"])
def test_place_search_folds_arabic_variants_and_case(client, gazetteer, query):
    found = _places(client, query)
    assert ("district", "LY-DR") in {(p["kind"], p["code"]) for p in found}
    assert any(p["kind"] == "municipality" and p["name_en"] == "Derna" for p in found)
    assert found[0]["kind"] == "district"  # districts first


def test_place_search_hamza_and_no_match(client, gazetteer):
    # The gazetteer writes اجدابيا; a citizen types it with its hamza.
    assert any(p["name_en"] == "Ejdabia" for p in _places(client, "إجدابيا"))
    assert _places(client, "zzzz-no-such-place") == []


def test_project_popup_feed(client, make_project, derna):
    project = make_project(
        code="DRN-SCH-9", municipality=derna, title_ar="مدرسة", title_en="School"
    )
    services.case_submit(
        project=project, category="work_stopped", text="SECRET-CITIZEN-WORDS",
        client_address="198.51.100.9", contact="secret@private.test",
    )  # fmt: skip
    response = client.get(reverse("portal:map_project", args=[project.code]))
    body = response.json()
    assert body["feedback_url"] == reverse("feedback:case_new", args=[project.code])
    assert body["project_url"] == reverse("portal:project_detail", args=[project.code])
    assert body["cases"] == {"raised": 1, "answered": 0, "resolved": 0}
    text = response.content.decode()
    assert "SECRET-CITIZEN-WORDS" not in text and "secret@private.test" not in text
    project.is_public = False
    project.save()
    assert client.get(reverse("portal:map_project", args=[project.code])).status_code == 404


def test_map_page_controls_are_translated(client, gazetteer):
    page = client.get(reverse("portal:map"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'data-zoom-in="تكبير"' in page and 'data-zoom-out="تصغير"' in page
    assert 'id="map-search"' in page and "data-report-label=" in page
    assert "Zoom in" not in page and "Report a problem" not in page
