"""Approving a scenario: a confirmation page that lists what happens to each chosen project,
then all or nothing (every project moves with the scenario's approval, or nothing changes)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import AuditEvent
from imar.needs.scenarios import (
    ApprovalRefused,
    approval_plan,
    scenario_approve,
    scenario_create,
    scenario_start,
)
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project, StatusChange
from tests.urls_in import reverse_en

DESCRIBED = {"description_en": "Rebuild", "beneficiaries": 5000}


@pytest.fixture
def solved(officer, scoring_model, make_project, tripoli, runs_inline,
           django_capture_on_commit_callbacks):  # fmt: skip
    """A run scenario choosing three projects: one identified, one appraised, one approved."""
    make_project(code="A-1", budget=Decimal("1000000"), **DESCRIBED)
    make_project(code="B-1", budget=Decimal("1000000"), status="appraised", **DESCRIBED)
    make_project(
        code="C-1", budget=Decimal("1000000"), municipality=tripoli, status="approved", **DESCRIBED
    )
    scenario = scenario_create(
        by=officer,
        name="All three",
        budget=Decimal("3000000"),
        scoring_model=scoring_model,
        candidate_stages=["identified", "appraised", "approved"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        scenario_start(scenario=scenario, by=officer)
    scenario.refresh_from_db()
    assert scenario.status == "done", scenario.error
    assert sorted(scenario.result["selected"]) == ["A-1", "B-1", "C-1"]
    return scenario


def statuses() -> dict[str, str]:
    return dict(Project.objects.values_list("code", "status"))


def test_one_project_that_cannot_move_leaves_every_project_and_the_scenario_unchanged(
    officer, solved
):
    Project.objects.filter(code="B-1").update(planned_start=None, planned_end=None)
    before, changes, events = statuses(), StatusChange.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ApprovalRefused) as refused:
        scenario_approve(scenario=solved, by=officer)
    assert refused.value.plan.refused() == [
        {"project": "B-1", "reason": "Approval needs planned start and end dates."}
    ]
    assert statuses() == before  # A-1 did not move either
    assert StatusChange.objects.count() == changes
    assert AuditEvent.objects.count() == events
    solved.refresh_from_db()
    assert solved.status == "done" and solved.approved_by is None
    assert "approval" not in solved.result


def test_the_plan_names_every_refusal_on_the_way_to_approved(officer, solved):
    Project.objects.filter(code="A-1").update(description_en="", budget=0)
    plan = approval_plan(scenario=solved, by=officer)
    blocked = {move.code: move for move in plan.blocked}
    assert set(blocked) == {"A-1"} and not plan.ok
    assert blocked["A-1"].refusals == (
        "Appraisal needs a description of the project.",
        "Approval needs a budget greater than zero.",
    )
    assert blocked["A-1"].steps == ("appraised", "approved")
    assert statuses()["A-1"] == "identified"  # planning changes nothing


def test_a_project_past_approval_cannot_move_and_blocks_approval(officer, solved):
    Project.objects.filter(code="C-1").update(status="procurement")
    with pytest.raises(ApprovalRefused) as refused:
        scenario_approve(scenario=solved, by=officer)
    assert [item["project"] for item in refused.value.plan.refused()] == ["C-1"]
    assert (
        "only identified or appraised projects move forward"
        in refused.value.plan.refused()[0]["reason"]
    )
    assert statuses() == {"A-1": "identified", "B-1": "appraised", "C-1": "procurement"}


def test_confirmation_page_lists_each_project_and_what_happens_to_it(client, officer, solved):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    detail = client.get(reverse("needs:scenario_detail", args=[solved.pk])).content.decode()
    url = reverse("needs:scenario_approve", args=[solved.pk])
    # the detail page (in English: /en/ links) leads to the confirmation, no POST
    assert f'href="{reverse_en("needs:scenario_approve", args=[solved.pk])}"' in detail
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    rows = {code: html.split(f'data-project="{code}"')[1].split("</tr>")[0] for code in
            ("A-1", "B-1", "C-1")}  # fmt: skip
    assert "Appraised" in rows["A-1"] and "Approved" in rows["A-1"]
    assert "Approved" in rows["B-1"] and "cannot move" not in rows["B-1"]
    assert "already approved" in rows["C-1"]
    assert 'id="confirm-approval"' in html
    assert statuses() == {"A-1": "identified", "B-1": "appraised", "C-1": "approved"}


def test_confirmation_page_shows_the_blocked_project_and_offers_no_confirm(client, officer, solved):
    Project.objects.filter(code="A-1").update(description_en="")
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    url = reverse("needs:scenario_approve", args=[solved.pk])
    html = client.get(url).content.decode()
    row = html.split('data-project="A-1"')[1].split("</tr>")[0]
    assert "cannot move" in row and "needs a description" in row
    assert 'id="approval-blocked"' in html and 'id="confirm-approval"' not in html
    # A POST anyway (a stale page, a second tab) is refused the same way, nothing moves.
    response = client.post(url)
    assert response.status_code == 409
    assert "Nothing was approved" in response.content.decode()
    assert statuses() == {"A-1": "identified", "B-1": "appraised", "C-1": "approved"}


def test_confirming_moves_every_chosen_project_and_approves_the_scenario(client, officer, solved):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(reverse("needs:scenario_approve", args=[solved.pk]), follow=True)
    assert response.status_code == 200
    assert statuses() == {"A-1": "approved", "B-1": "approved", "C-1": "approved"}
    solved.refresh_from_db()
    assert solved.status == "approved" and solved.approved_by == officer
    assert solved.result["approval"] == {"moved": ["A-1", "B-1", "C-1"], "refused": []}
    assert StatusChange.objects.filter(project__code="A-1").count() == 2  # identified, appraised
    assert StatusChange.objects.filter(project__code="B-1", to_status="approved").exists()
    assert not StatusChange.objects.filter(project__code="C-1").exists()
    assert AuditEvent.objects.filter(action="approve", object_id=str(solved.pk)).exists()
    assert AuditEvent.objects.filter(action="transition").count() == 3
    assert "3 projects are now “approved”" in response.content.decode()


def test_api_approve_refuses_with_409_and_the_projects_that_cannot_move(officer, solved):
    Project.objects.filter(code="A-1").update(planned_start=None, planned_end=None)
    api = APIClient()
    api.cookies["imar_language"] = "en"
    api.force_authenticate(officer)
    plan = api.get(f"/api/v1/needs/scenarios/{solved.pk}/approval-plan/").json()
    assert plan["can_approve"] is False
    assert [(p["project"], p["can_move"]) for p in plan["projects"]] == [
        ("A-1", False), ("B-1", True), ("C-1", True)
    ]  # fmt: skip
    response = api.post(f"/api/v1/needs/scenarios/{solved.pk}/approve/")
    assert response.status_code == 409
    body = response.json()
    assert body["refused"] == [
        {"project": "A-1", "reason": "Approval needs planned start and end dates."}
    ]
    assert statuses() == {"A-1": "identified", "B-1": "appraised", "C-1": "approved"}
    solved.refresh_from_db()
    assert solved.status == "done"


def test_api_approve_moves_all_when_all_can_move(officer, solved):
    api = APIClient()
    api.force_authenticate(officer)
    response = api.post(f"/api/v1/needs/scenarios/{solved.pk}/approve/")
    assert response.status_code == 200
    assert response.json()["approval"]["moved"] == ["A-1", "B-1", "C-1"]
    assert set(statuses().values()) == {ProjectStatus.APPROVED}


def test_api_schema_documents_the_approval_refusal(db):
    schema = APIClient().get("/api/v1/schema/", {"format": "json"})
    paths = schema.json()["paths"]
    approve = paths["/api/v1/needs/scenarios/{id}/approve/"]["post"]["responses"]
    assert {"200", "400", "409"} <= set(approve)
    assert "`refused`" in approve["409"]["description"]
    assert "/api/v1/needs/scenarios/{id}/approval-plan/" in paths


def test_auditor_cannot_see_the_confirmation_or_the_plan(client, auditor, solved):
    client.force_login(auditor)
    assert client.get(reverse("needs:scenario_approve", args=[solved.pk])).status_code == 403
    api = APIClient()
    api.force_authenticate(auditor)
    assert api.get(f"/api/v1/needs/scenarios/{solved.pk}/approval-plan/").status_code == 403
