"""The needs API: public needs data, staff-only scenarios, the run-result-approve cycle."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from imar.needs.models import ProjectAppraisal, Scenario
from imar.needs.money import Converter
from imar.needs.scoring_adapter import build_candidates
from tests.needs.conftest import WEIGHTS


@pytest.fixture
def api():
    client = APIClient()
    client.cookies["imar_language"] = "en"
    return client


def test_anyone_lists_damage_records_filtered_by_district_and_sector(
    api, make_record, django_assert_max_num_queries
):
    make_record(pcode="LY010102", sector="housing")
    make_record(pcode="LY010102", sector="health")
    make_record(pcode="LY021104", sector="housing")
    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/needs/damage-records/", {"district": "LY-DR"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["sector"] for row in rows} == {"housing", "health"}
    assert rows[0]["district"] == "LY-DR" and rows[0]["municipality"] == "LY010102"
    housing = api.get("/api/v1/needs/damage-records/", {"sector": "housing"}).json()
    assert housing["count"] == 2
    place = api.get("/api/v1/needs/damage-records/", {"municipality": "LY021104"}).json()
    assert place["count"] == 1


def test_damage_record_list_query_count_is_flat(api, make_record, django_assert_max_num_queries):
    for pcode in ("LY010101", "LY010102", "LY010103", "LY010104", "LY010105", "LY021104"):
        make_record(pcode=pcode)
    with django_assert_max_num_queries(4):
        assert api.get("/api/v1/needs/damage-records/").json()["count"] == 6


def test_assessments_and_published_scoring_models_are_public(api, assessment, scoring_model):
    assert api.get("/api/v1/needs/assessments/").json()["count"] == 1
    models = api.get("/api/v1/needs/scoring-models/").json()["results"]
    assert models[0]["definition"]["criteria"][0]["name"] == "need_severity"


def test_anonymous_and_outsiders_cannot_see_scenarios(api, outsider, scoring_model, officer):
    Scenario.objects.create(name="Private", budget=1, scoring_model=scoring_model)
    assert api.get("/api/v1/needs/scenarios/").status_code in (401, 403)
    api.force_authenticate(outsider)
    assert api.get("/api/v1/needs/scenarios/").status_code == 403


def test_auditor_reads_scenarios_but_cannot_create_one(api, auditor, scoring_model):
    api.force_authenticate(auditor)
    assert api.get("/api/v1/needs/scenarios/").status_code == 200
    response = api.post(
        "/api/v1/needs/scenarios/",
        {"name": "x", "budget": "100", "scoring_model": scoring_model.pk},
        format="json",
    )
    assert response.status_code == 403


def test_planner_creates_runs_reads_and_approves_a_scenario(
    api, officer, scoring_model, make_project, runs_inline, django_capture_on_commit_callbacks
):
    make_project(code="X-1", budget=Decimal("1000000"), description_en="School", beneficiaries=900)
    make_project(code="X-2", budget=Decimal("3000000"), description_en="Road", beneficiaries=100)
    api.force_authenticate(officer)
    created = api.post(
        "/api/v1/needs/scenarios/",
        {
            "name": "API run",
            "budget": "1500000",
            "scoring_model": scoring_model.pk,
            "rules": {"sectors": {"housing": {"max_share": 1}}},
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert api.get(f"/api/v1/needs/scenarios/{pk}/result/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(f"/api/v1/needs/scenarios/{pk}/run/")
    assert started.status_code == 202
    result = api.get(f"/api/v1/needs/scenarios/{pk}/result/").json()
    assert result["selected"] == ["X-1"]
    assert result["explanations"]["X-2"].startswith("Left out")
    assert result["gap"] == pytest.approx(0, abs=1e-4)
    approved = api.post(f"/api/v1/needs/scenarios/{pk}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["approval"]["moved"] == ["X-1"]


def test_api_plan_and_analysis_in_the_result(
    api, officer, scoring_model, make_project, make_record, runs_inline,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("90000000"))
    make_project(code="X-1", budget=Decimal("1000000"), description_en="School", beneficiaries=900)
    make_project(code="X-2", budget=Decimal("3000000"), description_en="Road", beneficiaries=100)
    api.force_authenticate(officer)
    results = {}
    for name, rules in (
        (
            "analysis",
            {"sectors": {"housing": {"max_share": 0.9}}, "analysis": {"sensitivity": True}},
        ),
        ("plan", {"years": {"budgets": {"2027": 800000, "2028": 700000}, "carry_over": True}}),
    ):
        created = api.post(
            "/api/v1/needs/scenarios/",
            {"name": name, "budget": "1500000", "scoring_model": scoring_model.pk, "rules": rules},
            format="json",
        )
        assert created.status_code == 201, created.json()
        pk = created.json()["id"]
        with django_capture_on_commit_callbacks(execute=True):
            assert api.post(f"/api/v1/needs/scenarios/{pk}/run/").status_code == 202
        results[name] = api.get(f"/api/v1/needs/scenarios/{pk}/result/").json()
    sensitivity = results["analysis"]["sensitivity"]
    (cap,) = sensitivity["rules"]
    assert (
        cap["rule"] == "sector_max"
        and cap["text"] == "sector Housing gets at most 90.00% of the budget"
    )
    assert results["analysis"]["equity"]["gini"] is not None
    assert results["analysis"]["starts"] is None
    plan = results["plan"]
    # X-1 (1M, planned over 2025-2026: two years of 0.5M) starts in 2027 with carry-over.
    assert plan["starts"] == {"X-1": 2027}
    assert [row["year"] for row in plan["years"]] == [2027, 2028]
    assert plan["sensitivity"] is None


def test_scenario_with_bad_rules_gets_a_field_error(api, officer, scoring_model, gazetteer):
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/needs/scenarios/",
        {
            "name": "bad",
            "budget": "100",
            "scoring_model": scoring_model.pk,
            "rules": {"regions": {"LY01": {"min_share": 2}}},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "between 0 and 1" in str(response.json()["rules"])
    assert not Scenario.objects.exists()


def test_planner_creates_a_scoring_model_and_inconsistent_ahp_is_refused(api, officer):
    api.force_authenticate(officer)
    ok = api.post(
        "/api/v1/needs/scoring-models/",
        {"name": "API model", "method": "topsis", "weights": WEIGHTS},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["version"] == 1
    bad = api.post(
        "/api/v1/needs/scoring-models/",
        {
            "name": "AHP",
            "method": "weighted_sum",
            "weights": {"need_severity": 1, "people_served": 1, "readiness": 1},
            "pairwise": [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]],
        },
        format="json",
    )
    assert bad.status_code == 400 and "consistency ratio" in str(bad.json())


def test_openapi_schema_documents_the_needs_endpoints(api, db):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/needs/damage-records/" in paths
    assert "/api/v1/needs/scenarios/{id}/run/" in paths
    assert "/api/v1/needs/scenarios/{id}/approve/" in paths


def test_planner_sets_a_staff_score_that_the_next_run_uses(api, officer, auditor, make_project):
    project = make_project(code="S-1")
    api.force_authenticate(auditor)
    refused = api.post("/api/v1/needs/appraisals/", {"project": "S-1", "score": 80}, format="json")
    assert refused.status_code == 403
    api.force_authenticate(officer)
    first = api.post("/api/v1/needs/appraisals/", {"project": "S-1", "score": 80}, format="json")
    assert first.status_code == 201
    again = api.post("/api/v1/needs/appraisals/", {"project": "S-1", "score": 60}, format="json")
    assert again.status_code == 201
    assert ProjectAppraisal.objects.get(project=project).score == 60
    candidates, _skipped = build_candidates([project], Converter("LYD"))
    assert candidates[0].features["staff_score"] == 60
    too_high = api.post(
        "/api/v1/needs/appraisals/", {"project": "S-1", "score": 120}, format="json"
    )
    assert too_high.status_code == 400 and "score" in too_high.json()
