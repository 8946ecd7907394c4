"""/api/v1/feedback/cases/ for staff (the queue's rule: sensitive cases only for the
restricted role, an engineer only their districts) and the public counts per project."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from imar.feedback import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/feedback/cases/"


@pytest.fixture
def cases(submit, school, make_project, tripoli, officer, auditor):
    elsewhere = make_project(code="TRP-1", municipality=tripoli)
    late = submit(category="work_stopped", now=timezone.now() - dt.timedelta(days=20)).case
    money = submit(category="misuse_of_money", contact="0912345678").case
    answered = submit(category="suggestion").case
    services.case_move(by=officer, case=answered, status="under_review")
    services.case_move(
        by=officer, case=answered, status="answered", answer_ar="شكرا", answer_en="Thanks"
    )
    services.case_note_add(by=officer, case=late, text="INTERNAL-NOTE")
    far = submit(project=elsewhere, category="quality_safety").case
    return {"late": late, "money": money, "answered": answered, "far": far}


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_only_staff_read_cases(cases, outsider):
    assert _client().get(URL).status_code in (401, 403)
    assert _client(outsider).get(URL).status_code == 403
    assert _client().get(f"{URL}{cases['late'].pk}/").status_code in (401, 403)


def test_sensitive_cases_only_for_the_auditor_and_districts_for_the_engineer(
    cases, officer, auditor, engineer
):
    everyone_but_money = {cases["late"].pk, cases["answered"].pk, cases["far"].pk}
    assert _ids(_client(officer).get(URL)) == everyone_but_money
    assert _ids(_client(auditor).get(URL)) == everyone_but_money | {cases["money"].pk}
    assert _ids(_client(engineer).get(URL)) == {cases["late"].pk, cases["answered"].pk}
    money = f"{URL}{cases['money'].pk}/"
    assert _client(officer).get(money).status_code == 404
    assert _client(auditor).get(money).json()["contact"] == "0912345678"
    assert _client(engineer).get(f"{URL}{cases['far'].pk}/").status_code == 404


def test_filters(cases, school, auditor):
    client = _client(auditor)
    assert _ids(client.get(URL, {"project": "TRP-1"})) == {cases["far"].pk}
    assert _ids(client.get(URL, {"district": "LY-TB"})) == {cases["far"].pk}
    assert _ids(client.get(URL, {"category": "misuse_of_money"})) == {cases["money"].pk}
    assert _ids(client.get(URL, {"status": "answered"})) == {cases["answered"].pk}
    assert _ids(client.get(URL, {"overdue": "true"})) == {cases["late"].pk}
    assert cases["late"].pk not in _ids(client.get(URL, {"overdue": "false"}))
    row = next(r for r in client.get(URL).json()["results"] if r["id"] == cases["late"].pk)
    assert row["overdue"] is True and row["project"] == school.code
    assert "text" not in row and "contact" not in row  # the list: triage fields only


def test_detail_carries_the_private_fields_and_notes(cases, officer):
    body = _client(officer).get(f"{URL}{cases['late'].pk}/").json()
    assert body["notes"][0]["text"] == "INTERNAL-NOTE"
    assert body["text"].startswith("توقف العمل")


def test_public_counts_per_project(cases, school, auditor):
    response = _client().get("/api/v1/public/feedback/")
    assert response.status_code == 200
    rows = {row["project"]: row for row in response.json()["results"]}
    # The undecided misuse-of-money case is not even counted.
    assert rows[school.code] == {
        "project": school.code, "raised": 2, "answered": 1, "resolved": 0,
    }  # fmt: skip
    assert rows["TRP-1"]["raised"] == 1
    text = response.content.decode()
    assert "INTERNAL-NOTE" not in text and "0912345678" not in text and "توقف" not in text
    one = _client().get(f"/api/v1/public/feedback/{school.code}/").json()
    assert one["raised"] == 2
    filtered = _client().get("/api/v1/public/feedback/", {"project": "TRP-1"}).json()
    assert [r["project"] for r in filtered["results"]] == ["TRP-1"]


def test_public_counts_leave_out_private_projects(cases, school):
    school.is_public = False
    school.save()
    response = _client().get("/api/v1/public/feedback/")
    assert school.code not in {r["project"] for r in response.json()["results"]}
    assert _client().get(f"/api/v1/public/feedback/{school.code}/").status_code == 404
