"""``imar allocate``: multi-year plans, ``--sensitivity`` and the ``equity`` object in JSON."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

PLAN = {
    "years": [2027, 2028, 2029],
    "budgets": {"2027": 100, "2028": 100, "2029": 50},
    "carry_over": True,
    "currency": "LYD",
    "candidates": [
        {"id": "school", "costs": [40, 120], "score": 9, "district": "LY-DR"},
        {"id": "clinic", "costs": [60], "score": 5, "earliest_start": 2028},
        {"id": "bridge", "costs": [30, 30, 30, 30], "score": 50},
        {"id": "road", "costs": [80, 60], "score": 6},
    ],
}

SINGLE = {
    "budget": 100,
    "currency": "LYD",
    "candidates": [
        {"id": "e1", "cost": 50, "score": 10, "region": "East", "sector": "water"},
        {"id": "e2", "cost": 50, "score": 10, "region": "East", "sector": "water"},
        {"id": "w1", "cost": 50, "score": 9, "region": "West", "sector": "health"},
    ],
    "regions": {"East": {"max_share": 0.9}},
}


def run(tmp_path, data, *args):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = StringIO()
    call_command("allocate", str(path), *args, stdout=out)
    return json.loads(out.getvalue())


def test_multi_year_plan(tmp_path):
    result = run(tmp_path, PLAN)
    assert result["status"] == "optimal"
    # The bridge needs four years of a three-year plan; school + road (300) or all three are
    # over the 250 of the plan, so school + clinic (14). Both in 2028 (school 40 then 120,
    # clinic 60): neither can start a year earlier, school in 2027 would put 220 by 2028.
    assert result["starts"] == {"clinic": 2028, "school": 2028}
    assert [row["spent"] for row in result["years"]] == [0, 100, 120]
    assert [row["available"] for row in result["years"]] == [100, 200, 150]
    assert [row["left"] for row in result["years"]] == [100, 100, 30]
    assert result["explanations"]["bridge"].startswith("Left out: it needs 4 years of funding")
    assert result["explanations"]["school"] == ("Chosen: funded from 2028 to 2029, 160 LYD in all.")
    assert "2028" in result["explanations"]["road"]


def test_multi_year_in_arabic_and_bad_field(tmp_path):
    result = run(tmp_path, PLAN, "--language", "ar")
    assert "2028" in result["explanations"]["school"]
    assert "Chosen" not in result["explanations"]["school"]
    with pytest.raises(CommandError) as caught:
        run(tmp_path, {**PLAN, "budgets": {"2027": 1}})
    assert "budgets.2028" in str(caught.value)


def test_plan_with_a_district_floor_and_sensitivity(tmp_path):
    # A floor of 40% of the plan's 250 for LY-DR: only the school (160) is there, so it
    # must be funded; without the floor the answer is the same (school + clinic, 14).
    plan = {**PLAN, "districts": {"LY-DR": {"min_share": 0.4}}}
    result = run(tmp_path, plan, "--sensitivity")
    assert result["status"] == "optimal" and "school" in result["starts"]
    report = result["sensitivity"]
    assert [(r["rule"], r["district"], r["cost"]) for r in report["rules"]] == [
        ("district_min", "LY-DR", 0.0)
    ]
    assert [b["budget"] for b in report["budget"]] == pytest.approx([225, 275])
    assert set(report["stable"]) <= set(result["starts"])
    # 70% cannot be met by the school's 160 of 250: no plan, and the reason says why.
    result = run(tmp_path, {**PLAN, "districts": {"LY-DR": {"min_share": 0.7}}})
    assert result["status"] == "infeasible"
    assert "floor or a ceiling" in result["conflicts"][0]


def test_sensitivity_in_json(tmp_path):
    result = run(tmp_path, SINGLE, "--sensitivity")
    report = result["sensitivity"]
    assert report["method"] == "re-solve without the rule"
    (ceiling,) = report["rules"]
    # With East at most 90: e1 + w1 (19); without the ceiling e1 + e2 (20).
    assert ceiling["rule"] == "region_max" and ceiling["cost"] == 1 and ceiling["exact"]
    assert ceiling["text"] == "East gets at most 90.00% of the budget"
    assert [case["factor"] for case in report["budget"]] == [0.9, 1.1]
    assert set(report["stable"]) <= set(result["selected"])


def test_equity_and_second_objective(tmp_path):
    equity = {"need": {"East": 1, "West": 1}, "population": {"East": 100, "West": 50}}
    plain = run(tmp_path, {**SINGLE, "regions": {}, "equity": equity})
    assert plain["selected"] == ["e1", "e2"]
    assert plain["equity"]["gini"] == pytest.approx(0.5)
    assert plain["equity"]["second_objective"] == "none"
    fair = run(
        tmp_path,
        {
            **SINGLE,
            "regions": {},
            "equity": {**equity, "second_objective": "lexicographic", "score_slack": 0.1},
        },
    )
    assert "w1" in fair["selected"] and fair["total_score"] == 19
    assert fair["equity"]["gini"] == pytest.approx(0.0)
    assert fair["equity"]["gini_before"] == pytest.approx(0.5)
    assert fair["equity"]["score_before"] == 20
    rows = {row["district"]: row for row in fair["equity"]["districts"]}
    assert rows["West"]["money_per_person"] == 1.0
    with pytest.raises(CommandError) as caught:
        run(tmp_path, {**SINGLE, "equity": {"need": {"East": -1}}})
    assert "equity.need" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        run(tmp_path, {**SINGLE, "equity": {**equity, "population_floor_share": 2}})
    assert "equity.population_floor_share" in str(caught.value)


def test_population_floors_from_json(tmp_path):
    data = {
        **SINGLE,
        "regions": {},
        "candidates": [{**c, "district": c["region"]} for c in SINGLE["candidates"]],
        "equity": {"need": {"East": 1}, "population": {"West": 10}, "population_floor_share": 0.5},
    }
    result = run(tmp_path, data)
    assert "w1" in result["selected"]  # West's floor of 50% of the budget
