"""Scenarios end to end: edit, run (inline), read the result, compare, approve; permissions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from imar.needs.models import Scenario, ScoringModel
from imar.needs.scenarios import clean_rules, scenario_approve, scenario_create, scenario_start
from imar.needs.services import scoring_model_save
from tests.needs.conftest import WEIGHTS


@pytest.fixture
def candidates(make_project, make_record, tripoli):
    """Two Derna and two Tripoli candidates; Derna housing has large recorded needs."""
    make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("90000000"))
    described = {"description_en": "Rebuild", "beneficiaries": 5000}
    return {
        "A": make_project(code="A-1", budget=Decimal("1000000"), **described),
        "B": make_project(code="B-1", budget=Decimal("1000000"), sector="health", **described),
        "C": make_project(
            code="C-1", budget=Decimal("1000000"), municipality=tripoli, sector="education",
            **described,
        ),
        "D": make_project(code="D-1", budget=Decimal("2000000"), municipality=tripoli),
    }  # fmt: skip


@pytest.fixture
def scenario(scoring_model, officer, candidates):
    return scenario_create(
        by=officer,
        name="Balanced 2027",
        budget=Decimal("2500000"),
        rules={"regions": {"LY02": {"min_share": 0.4}}},
        scoring_model=scoring_model,
    )


def run(client, django_capture_on_commit_callbacks, scenario):
    client.cookies["imar_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("needs:scenario_run", args=[scenario.pk]))
    assert response.status_code == 302
    scenario.refresh_from_db()
    return scenario


def test_officer_runs_a_scenario_and_reads_why_projects_were_left_out(
    client, officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "done", scenario.error
    result = scenario.result
    assert result["status"] == "optimal"
    assert result["total_cost"] <= 2_500_000
    # The West floor (40% = 1M) forces a Tripoli project in; D alone costs 2M.
    assert "C-1" in result["selected"] and "D-1" not in result["selected"]
    assert result["gap"] <= 1e-4 and result["upper_bound"] >= result["total_score"]
    assert set(result["explanations"]) == {"A-1", "B-1", "C-1", "D-1"}
    assert result["scoring_model"]["version"] == "1"

    page = client.get(reverse("needs:scenario_detail", args=[scenario.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="chosen-count">2<' in html
    assert "Left out:" in html  # the explanation rendered through gettext
    assert "scenario-points" in html and "district-money" in html


def test_running_status_is_polled_every_two_seconds(client, officer, scenario):
    from django.utils import timezone

    client.force_login(officer)
    Scenario.objects.filter(pk=scenario.pk).update(status="running", started_at=timezone.now())
    html = client.get(reverse("needs:scenario_status", args=[scenario.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html


def test_run_is_started_after_commit_and_status_is_running_until_then(
    officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        scenario_start(scenario=scenario, by=officer)
    assert scenario.status == "running" and len(callbacks) == 1
    callbacks[0]()
    scenario.refresh_from_db()
    assert scenario.status == "done"


def test_a_running_scenario_cannot_be_started_twice_unless_its_run_died(officer, scenario):
    from datetime import timedelta

    from django.utils import timezone

    Scenario.objects.filter(pk=scenario.pk).update(status="running", started_at=timezone.now())
    with pytest.raises(ValidationError, match="running or approved"):
        scenario_start(scenario=scenario, by=officer)
    long_ago = timezone.now() - timedelta(hours=1)
    Scenario.objects.filter(pk=scenario.pk).update(started_at=long_ago)
    scenario_start(scenario=scenario, by=officer)
    scenario.refresh_from_db()
    assert scenario.started_at > long_ago


def test_conflicting_floors_are_explained_in_words(
    client, officer, scoring_model, candidates, runs_inline, django_capture_on_commit_callbacks
):
    scenario = scenario_create(
        by=officer,
        name="Impossible",
        budget=Decimal("2500000"),
        rules={"regions": {"LY01": {"min_share": 0.7}, "LY02": {"min_share": 0.6}}},
        scoring_model=scoring_model,
    )
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.result["status"] == "infeasible"
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "The minimum shares of East، West add up to 130" in html or "add up to 130" in html
    with pytest.raises(ValidationError):
        scenario_approve(scenario=scenario, by=officer)


def test_no_selection_within_the_limit_is_not_called_impossible(client, officer, scenario):
    """An answer the solver could not find in time is not shown as conflicting rules."""
    reason = {"code": "not_found", "params": {"time_limit": 10}}
    result = {"status": "no_solution_found", "selected": [], "conflicts": [reason]}
    Scenario.objects.filter(pk=scenario.pk).update(status="done", result=result)
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "No selection found in the time allowed" in html
    assert "within 10 seconds; one may still exist" in html
    assert "The rules cannot all hold" not in html
    assert reverse("needs:scenario_approve", args=[scenario.pk]) not in html
    scenario.refresh_from_db()
    with pytest.raises(ValidationError, match="without a selection"):
        scenario_approve(scenario=scenario, by=officer)


def test_auditor_reads_scenarios_but_cannot_run_or_approve(client, auditor, scenario):
    client.force_login(auditor)
    client.cookies["imar_language"] = "en"
    assert client.get(reverse("needs:scenario_detail", args=[scenario.pk])).status_code == 200
    assert client.post(reverse("needs:scenario_run", args=[scenario.pk])).status_code == 403
    assert client.post(reverse("needs:scenario_approve", args=[scenario.pk])).status_code == 403
    assert client.get(reverse("needs:scenario_approve", args=[scenario.pk])).status_code == 403
    assert client.get(reverse("needs:scenario_new")).status_code == 403


def test_outsider_cannot_see_scenarios(client, outsider, scenario):
    client.force_login(outsider)
    assert client.get(reverse("needs:scenario_list")).status_code == 403
    assert client.get(reverse("needs:scenario_detail", args=[scenario.pk])).status_code == 403


def test_scenario_form_saves_percent_shares_as_fractions(client, officer, scoring_model, gazetteer):
    client.force_login(officer)
    response = client.post(
        reverse("needs:scenario_new"),
        {
            "name": "Floors",
            "budget": "5000000",
            "currency": "LYD",
            "scoring_model": scoring_model.pk,
            "candidate_stages": ["identified", "appraised"],
            "district_min_LY-DR": "20",
            "district_max_LY-DR": "50",
            "sector_max_housing": "40",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scenario = Scenario.objects.get(name="Floors")
    assert scenario.rules == {
        "districts": {"LY-DR": {"min_share": 0.2, "max_share": 0.5}},
        "sectors": {"housing": {"max_share": 0.4}},
    }


def test_scenario_form_shows_every_setting_and_the_saved_shares(client, officer, scenario):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("needs:scenario_edit", args=[scenario.pk])).content.decode()
    assert 'name="name"' in html and 'value="Balanced 2027"' in html
    assert 'name="budget"' in html and 'name="scoring_model"' in html
    assert 'name="district_min_LY-DR"' in html and 'name="sector_max_housing"' in html
    assert 'name="region_min_LY02" value="40.0"' in html


def test_scenario_form_sets_region_and_district_shares_together_and_the_analysis(
    client, officer, scoring_model, gazetteer
):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("needs:scenario_new"),
        {
            "name": "Both",
            "budget": "5000000",
            "currency": "LYD",
            "scoring_model": scoring_model.pk,
            "candidate_stages": ["identified"],
            "region_min_LY01": "20",
            "district_min_LY-DR": "20",
            "sensitivity": "on",
            "fairness": "lexicographic",
            "score_slack": "5",
        },
    )
    assert response.status_code == 302
    rules = Scenario.objects.get(name="Both").rules
    assert rules["regions"] == {"LY01": {"min_share": 0.2}}
    assert rules["districts"] == {"LY-DR": {"min_share": 0.2}}
    assert rules["analysis"] == {
        "sensitivity": True,
        "fairness": "lexicographic",
        "score_slack": 0.05,
    }
    html = client.get(
        reverse("needs:scenario_edit", args=[Scenario.objects.get(name="Both").pk])
    ).content.decode()
    assert 'name="sensitivity" class="form-check-input" id="id_sensitivity" checked' in html
    assert 'value="lexicographic" selected' in html


def test_both_levels_and_the_analysis_reach_the_run_and_the_page(
    client, officer, scoring_model, candidates, runs_inline, django_capture_on_commit_callbacks
):
    # East (LY01) at most 60% and Derna at least 40% at once; sensitivity and fairness on.
    scenario = scenario_create(
        by=officer,
        name="Two levels",
        budget=Decimal("2500000"),
        rules={
            "regions": {"LY01": {"max_share": 0.6}},
            "districts": {"LY-DR": {"min_share": 0.4}},
            "analysis": {"sensitivity": True, "fairness": "lexicographic", "score_slack": 0.0},
        },
        scoring_model=scoring_model,
    )
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "done", scenario.error
    result = scenario.result
    assert result["level"] == "both"
    costs = result["costs"]
    derna = sum(costs[c] for c in result["selected"] if c in ("A-1", "B-1"))
    assert 1_000_000 <= derna <= 1_500_000  # the district floor and the region ceiling
    rules = {
        (e["rule"], e.get("region") or e.get("district")) for e in result["sensitivity"]["rules"]
    }
    assert rules == {("region_max", "LY01"), ("district_min", "LY-DR")}
    assert [case["factor"] for case in result["sensitivity"]["budget"]] == [0.9, 1.1]
    # All recorded need is Derna's: the equity table and indexes are from it.
    equity = result["equity"]
    derna_row = next(row for row in equity["districts"] if row["district"] == "LY-DR")
    assert derna_row["need_share"] == 1.0
    assert derna_row["money"] == derna
    assert result["fairness"]["objective"] == "lexicographic"
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert 'id="equity-table"' in html and 'id="sensitivity-rules"' in html
    assert "Derna gets at least 40.00% of the budget" in html
    assert 'id="fairness-note"' in html


def test_rules_with_a_share_above_one_or_unknown_place_are_refused(gazetteer):
    with pytest.raises(ValidationError, match="between 0 and 1"):
        clean_rules({"regions": {"LY01": {"min_share": 1.5}}})
    with pytest.raises(ValidationError, match="Unknown code"):
        clean_rules({"districts": {"LY-XX": {"min_share": 0.1}}})
    assert clean_rules({"sectors": {"housing": {"max_share": 0.3}}}) == {
        "sectors": {"housing": {"max_share": 0.3}}
    }


def test_changing_a_used_scoring_model_makes_a_new_version(
    officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    model = scenario.scoring_model
    with django_capture_on_commit_callbacks(execute=True):
        scenario_start(scenario=scenario, by=officer)
    revised = scoring_model_save(
        by=officer,
        name=model.name,
        weights=WEIGHTS | {"need_severity": 0.6},
        method="topsis",
        previous=model,
    )
    assert revised.pk != model.pk and revised.version == 2
    model.refresh_from_db()
    assert model.definition["method"] == "weighted_sum"  # the used version is unchanged
    unused = scoring_model_save(
        by=officer, name=model.name, weights=WEIGHTS, method="topsis", previous=revised
    )
    assert unused.pk == revised.pk  # an unused version is edited in place
    assert ScoringModel.objects.filter(name=model.name).count() == 2


def test_inconsistent_ahp_judgements_are_refused_with_the_ratio(officer):
    criteria = {"need_severity": 1, "people_served": 1, "readiness": 1}
    pairwise = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
    with pytest.raises(ValidationError, match="consistency ratio"):
        scoring_model_save(
            by=officer, name="AHP", weights=criteria, method="weighted_sum", pairwise=pairwise
        )
    consistent = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
    model = scoring_model_save(
        by=officer, name="AHP", weights=criteria, method="weighted_sum", pairwise=consistent
    )
    assert model.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert model.definition["weights"] == pytest.approx([4 / 7, 2 / 7, 1 / 7])


def test_compare_shows_two_scenarios_side_by_side(
    client, officer, scenario, scoring_model, runs_inline, django_capture_on_commit_callbacks
):
    other = scenario_create(
        by=officer, name="No floors", budget=Decimal("2500000"), scoring_model=scoring_model
    )
    client.force_login(officer)
    run(client, django_capture_on_commit_callbacks, scenario)
    run(client, django_capture_on_commit_callbacks, other)
    html = client.get(
        reverse("needs:scenario_compare"), {"a": scenario.pk, "b": other.pk}
    ).content.decode()
    assert "Balanced 2027" in html and "No floors" in html
    assert 'id="only-first"' in html


def test_scenario_page_in_arabic_translates_the_explanations(
    client, officer, scenario, runs_inline, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    run(client, django_capture_on_commit_callbacks, scenario)
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "استُبعد" in html
    assert "Left out:" not in html


def test_costs_of_foreign_currency_projects_are_converted_for_the_run_and_page(
    client, officer, scoring_model, make_project, runs_inline, django_capture_on_commit_callbacks
):
    import datetime as dt

    from imar.portfolio.models import ExchangeRate

    ExchangeRate.objects.create(currency="USD", date=dt.date(2020, 1, 1), rate_to_lyd=5)
    make_project(code="U-1", budget=Decimal("100000"), currency="USD")  # 500,000 LYD
    make_project(code="L-1", budget=Decimal("400000"))
    scenario = scenario_create(
        by=officer, name="Mixed", budget=Decimal("900000"), scoring_model=scoring_model
    )
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.result["costs"] == {"U-1": 500000.0, "L-1": 400000.0}
    assert scenario.result["total_cost"] == 900000.0
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "500,000" in html.split('data-project="U-1"')[1].split("</tr>")[0]


def test_scenario_list_page_and_api_do_not_grow_queries_with_scenarios(
    client, officer, scoring_model, gazetteer, django_assert_max_num_queries
):
    for n in range(8):
        scenario_create(
            by=officer, name=f"S{n}", budget=Decimal("1000"), scoring_model=scoring_model
        )
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("needs:scenario_list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/needs/scenarios/").json()["count"] == 8


def test_a_multi_year_plan_from_the_form_runs_and_shows_its_years(
    client, officer, scoring_model, make_project, gazetteer, runs_inline,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    import datetime as dt

    described = {"description_en": "Rebuild", "beneficiaries": 5000}
    # 1M in 2027, 2.5M in 2028. The school (3M over 2027-2028, 1.5M a year, not before
    # 2027) would need 1.5M in 2027; started in 2028 it would end in 2029, outside the plan.
    # The road spans three calendar years: never finished in a two-year plan.
    make_project(
        code="S-1",
        budget=Decimal("3000000"),
        planned_start=dt.date(2027, 3, 1),
        planned_end=dt.date(2028, 9, 1),
        **described,
    )
    make_project(
        code="R-1",
        budget=Decimal("600000"),
        planned_start=dt.date(2027, 1, 1),
        planned_end=dt.date(2029, 6, 1),
        sector="roads_bridges",
        **described,
    )
    make_project(code="H-1", budget=Decimal("400000"), sector="health", **described)
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    fields = {
        "name": "Plan 2027-2028",
        "currency": "LYD",
        "scoring_model": scoring_model.pk,
        "candidate_stages": ["identified"],
        "plan_years": "2027:1000000 2028:2500000",
        "carry_over": "on",
    }
    response = client.post(reverse("needs:scenario_new"), fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    scenario = Scenario.objects.get(name="Plan 2027-2028")
    assert scenario.budget == Decimal("3500000")
    assert scenario.rules["years"] == {
        "budgets": {"2027": 1000000.0, "2028": 2500000.0},
        "carry_over": True,
    }
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "done", scenario.error
    result = scenario.result
    assert result["level"] == "plan"
    assert "R-1" not in result["selected"]
    assert result["explanations"]["R-1"]["code"] == "years_cannot_finish"
    assert "H-1" in result["selected"]
    assert result["explanations"]["S-1"]["code"] == "years_no_room"
    spent = {row["year"]: row["spent"] for row in result["years"]}
    assert sum(spent.values()) == result["total_cost"]
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert 'id="plan-years"' in html and 'data-year="2028"' in html
    assert "Left out: it needs 3 years of funding" in html
    # The fairness objective with a plan is refused, naming why; shares are taken.
    response = client.post(reverse("needs:scenario_new"), {**fields, "fairness": "lexicographic"})
    assert response.status_code == 200
    assert "Not with a multi-year plan" in response.content.decode()
    assert 'id="plan-combinations"' in response.content.decode()
    response = client.post(reverse("needs:scenario_new"), {**fields, "plan_years": "2027-1000"})
    assert "Write each year as year:amount" in response.content.decode()


def test_per_capita_floors_come_from_population_and_a_floor_above_a_ceiling_is_worded(
    client, officer, scoring_model, candidates, runs_inline, django_capture_on_commit_callbacks
):
    from django.db.models import Sum

    from imar.geo.models import Municipality
    from imar.needs.scenarios import district_needs

    _, population = district_needs("LYD")
    by_district = dict(
        Municipality.objects.filter(population__gt=0)
        .values_list("district__iso_code")
        .annotate(total=Sum("population"))
    )
    assert population == by_district and population["LY-DR"] > 0
    # Candidates in Derna and Tripoli only: 30% of the budget split between them by population
    # (Tripoli's floor needs one of its projects; 50% would need D-1 and a Derna one: 3M).
    scenario = scenario_create(
        by=officer,
        name="Per capita",
        budget=Decimal("2500000"),
        rules={"analysis": {"population_floor_share": 0.3}},
        scoring_model=scoring_model,
    )
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "done", scenario.error
    assert scenario.result["status"] == "optimal"
    people = {code: population[code] for code in ("LY-DR", "LY-TB")}
    floors = {code: 0.3 * n / sum(people.values()) for code, n in people.items()}
    costs = scenario.result["costs"]
    tripoli = sum(costs[c] for c in scenario.result["selected"] if c in ("C-1", "D-1"))
    derna = sum(costs[c] for c in scenario.result["selected"] if c in ("A-1", "B-1"))
    assert tripoli >= floors["LY-TB"] * 2_500_000 - 1
    assert derna >= floors["LY-DR"] * 2_500_000 - 1
    # Tripoli's floor above a ceiling of 1%: the run fails, saying which district and why.
    scenario = scenario_create(
        by=officer,
        name="Per capita, too tight",
        budget=Decimal("2500000"),
        rules={
            "districts": {"LY-TB": {"max_share": 0.01}},
            "analysis": {"population_floor_share": 0.9},
        },
        scoring_model=scoring_model,
    )
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "failed"
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert "The per-capita floors (90% of the budget split by population) give Tripoli" in html


def test_a_plan_with_both_levels_per_capita_floors_and_sensitivity(
    client, officer, scoring_model, candidates, runs_inline, django_capture_on_commit_callbacks
):
    # Two years of 1.25M each (2.5M in all); East (LY01) at most 60% of the plan, Derna at
    # least 40%, the per-capita floors on, sensitivity on. Each project is one year long.
    scenario = scenario_create(
        by=officer,
        name="Plan, two levels",
        budget=None,
        rules={
            "regions": {"LY01": {"max_share": 0.6}},
            "districts": {"LY-DR": {"min_share": 0.4}},
            "years": {"budgets": {"2027": 1250000, "2028": 1250000}, "carry_over": True},
            "analysis": {"sensitivity": True, "population_floor_share": 0.1},
        },
        scoring_model=scoring_model,
    )
    client.force_login(officer)
    scenario = run(client, django_capture_on_commit_callbacks, scenario)
    assert scenario.status == "done", scenario.error
    result = scenario.result
    assert result["level"] == "plan"
    costs = result["costs"]
    derna = sum(costs[c] for c in result["selected"] if c in ("A-1", "B-1"))
    east = derna  # Derna is the only eastern district of the candidates
    assert derna >= 1_000_000 and east <= 1_500_000
    rules = {
        (e["rule"], e.get("region") or e.get("district")) for e in result["sensitivity"]["rules"]
    }
    assert ("region_max", "LY01") in rules and ("district_min", "LY-DR") in rules
    assert [case["budget"] for case in result["sensitivity"]["budget"]] == pytest.approx(
        [2_250_000, 2_750_000]
    )
    assert set(result["sensitivity"]["stable"]) <= set(result["selected"])
    assert "equity" in result
    html = client.get(reverse("needs:scenario_detail", args=[scenario.pk])).content.decode()
    assert 'id="plan-years"' in html and 'id="rule-results"' in html
    assert 'id="sensitivity-rules"' in html


def test_a_plan_refuses_the_fairness_objective_in_words(gazetteer):
    with pytest.raises(ValidationError) as info:
        clean_rules(
            {
                "years": {"budgets": {"2027": 100}},
                "analysis": {"fairness": "lexicographic"},
            }
        )
    assert "not the fairness objective" in str(info.value)
