"""Nothing private of a citizen's case reaches a public page, export or API (the sentinel
world of tests/opendata/conftest.py, plus cases carrying their own sentinels)."""

import pytest

from imar.feedback import services
from imar.feedback.models import Case
from imar.feedback.public import CaseQuerySet
from tests.feedback.conftest import geotagged_jpeg
from tests.opendata.conftest import assert_no_sentinel, world  # noqa: F401

PRIVATE = [
    "SENTINEL-CITIZEN-TEXT",
    "sentinel-citizen@private.test",
    "SENTINEL-STAFF-NOTE",
    "SENTINEL-REJECTION",
    "SENTINEL-MONEY-UNDECIDED",
    "32.7654",  # the reporter's location
]
SURFACES = [
    "/public/projects/DRN-001/",
    "/public/projects/",
    "/public/map/points.json",
    "/public/search/?q=SENTINEL",
    "/public/feedback/response-times/",
    "/public/data-quality/",
    "/api/v1/public/projects/",
    "/api/v1/public/feedback/",
    "/api/v1/public/feedback/DRN-001/",
    "/public/map/projects/DRN-001.json",
    "/public/map/places.json",
    "/api/v1/projects/",
    "/open-data/projects.xml",
    "/open-data/projects.json",
    "/open-data/projects.csv",
    "/open-data/projects.geojson",
]


@pytest.fixture
def cases(world, officer, auditor):  # noqa: F811
    housing = world["housing"]
    answered = services.case_submit(
        project=housing,
        category="work_stopped",
        text="SENTINEL-CITIZEN-TEXT the site is empty",
        client_address="198.51.100.1",
        contact="sentinel-citizen@private.test",
        latitude=32.7654,
        longitude=22.6377,
        photo_files=[geotagged_jpeg()],
    ).case
    services.case_note_add(by=officer, case=answered, text="SENTINEL-STAFF-NOTE")
    services.case_move(by=officer, case=answered, status="under_review")
    services.case_move(
        by=officer,
        case=answered,
        status="answered",
        answer_ar="PUBLIC-ANSWER-AR",
        answer_en="PUBLIC-ANSWER-EN",
    )
    services.case_moderate(
        by=officer, case=answered, public_text="PUBLIC-MODERATED-TEXT", publish=True
    )
    rejected = services.case_submit(
        project=housing, category="suggestion", text="another", client_address="198.51.100.2"
    ).case
    services.case_move(by=officer, case=rejected, status="rejected", reason="SENTINEL-REJECTION")
    money = services.case_submit(
        project=housing,
        category="misuse_of_money",
        text="money text",
        client_address="198.51.100.3",
    ).case
    services.case_move(by=auditor, case=money, status="under_review")
    services.case_moderate(
        by=auditor, case=money, public_text="SENTINEL-MONEY-UNDECIDED", publish=True
    )
    return {"answered": answered, "money": money}


def _read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


@pytest.mark.django_db
def test_no_private_case_data_on_any_public_surface(client, cases):
    for path in SURFACES:
        text = _read(client, path)
        leaked = [s for s in PRIVATE if s in text]
        assert not leaked, (path, leaked)
        assert_no_sentinel(text)
    page = _read(client, "/public/projects/DRN-001/")
    assert "PUBLIC-MODERATED-TEXT" in page and "PUBLIC-ANSWER-AR" in page
    # Counts: the undecided misuse-of-money case is not even counted.
    assert "2" in page


@pytest.mark.django_db
def test_the_project_page_follows_the_one_public_rule(client, cases, monkeypatch):
    monkeypatch.setattr(CaseQuerySet, "public", lambda self: self.none())
    assert "PUBLIC-MODERATED-TEXT" not in _read(client, "/public/projects/DRN-001/")
    monkeypatch.setattr(
        CaseQuerySet, "public", lambda self: self.filter(category="misuse_of_money")
    )
    assert "SENTINEL-MONEY-UNDECIDED" in _read(client, "/public/projects/DRN-001/")


@pytest.mark.django_db
def test_misuse_case_public_only_once_decided(cases, auditor):
    money = cases["money"]
    assert not Case.objects.public().filter(pk=money.pk).exists()
    assert not Case.objects.countable().filter(pk=money.pk).exists()
    services.case_move(by=auditor, case=money, status="answered", answer_ar="ت", answer_en="c")
    assert not Case.objects.public().filter(pk=money.pk).exists()
    services.case_move(by=auditor, case=money, status="resolved")
    assert Case.objects.public().filter(pk=money.pk).exists()


@pytest.mark.django_db
def test_unpublished_case_and_private_project_stay_private(cases, make_project, officer):
    answered = cases["answered"]
    services.case_moderate(by=officer, case=answered, public_text="x", publish=False)
    assert not Case.objects.public().filter(pk=answered.pk).exists()
    assert Case.objects.countable().filter(pk=answered.pk).exists()


@pytest.mark.django_db
def test_the_staff_cases_api_is_closed_to_the_public(client, cases):
    for path in ("/api/v1/feedback/cases/", f"/api/v1/feedback/cases/{cases['answered'].pk}/"):
        response = client.get(path)
        assert response.status_code in (401, 403), path
        leaked = [s for s in PRIVATE if s in response.content.decode()]
        assert not leaked, (path, leaked)


@pytest.mark.django_db
def test_public_counts_are_counts_only(client, cases):
    row = client.get("/api/v1/public/feedback/DRN-001/").json()
    assert set(row) == {"project", "raised", "answered", "resolved"}
    # Every case of the project but the undecided misuse-of-money one.
    others = Case.objects.filter(project__code="DRN-001").exclude(pk=cases["money"].pk)
    assert row["raised"] == others.count() >= 2
