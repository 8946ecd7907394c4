"""Sensitivity: each rule's cost in score and the ±10% budget answers against brute force."""

import random
from dataclasses import replace

import pytest

from imar.needs.allocation import RegionLimit
from imar.needs.allocation.sensitivity import rules_of, sensitivity, without
from tests.needs.allocation.helpers import brute_force, cand, make_problem, random_problem


@pytest.mark.parametrize("seed", range(25))
def test_rule_costs_and_budget_cases_match_brute_force(seed):
    rng = random.Random(1000 + seed)
    problem = random_problem(rng, rng.randint(5, 10))
    best = brute_force(problem)
    report = sensitivity(problem, time_limit=5)
    assert report["method"] == "re-solve without the rule"
    assert len(report["rules"]) == len(rules_of(problem))
    for entry in report["rules"]:
        relaxed = without(problem, entry)
        # The one rule is gone, every other one is kept.
        assert len(rules_of(relaxed)) == len(rules_of(problem)) - 1
        expected = brute_force(relaxed)
        if best is None or expected is None:
            assert "cost" not in entry or best is None
            continue
        assert entry["exact"]
        assert entry["score_without"] == pytest.approx(expected)
        assert entry["cost"] == pytest.approx(expected - best)
        assert entry["cost_low"] <= entry["cost"] + 1e-9 <= entry["cost_high"] + 2e-9
    for case in report["budget"]:
        scaled = replace(problem, budget=problem.budget * case["factor"])
        expected = brute_force(scaled)
        if expected is None:
            assert case["status"] in ("infeasible", "no_solution_found")
        else:
            assert case["score"] == pytest.approx(expected)
    costs = [entry.get("cost", 0.0) for entry in report["rules"]]
    assert costs == sorted(costs, reverse=True)


def test_a_binding_floor_has_a_price_and_stable_projects_are_chosen_in_every_case():
    problem = make_problem(
        [
            cand("east1", 40, 4),
            cand("west1", 40, 40, "West"),
            cand("west2", 40, 30, "West"),
            cand("west3", 15, 12, "West"),
        ],
        budget=100.0,
        regions={"East": {"min_share": 0.4}},
    )
    report = sensitivity(problem)
    (floor,) = report["rules"]
    assert floor["rule"] == "region_min" and floor["region"] == "East"
    # With the floor: east1 + west1 + west3 = 56; without it: west1 + west2 + west3 = 82.
    assert report["base"]["score"] == 56
    assert floor["score_without"] == 82
    assert floor["cost"] == 26
    assert floor["exact"] is True
    down, up = report["budget"]
    assert down["factor"] == 0.9 and up["factor"] == 1.1
    # 90: East needs 36, so east1 (40) + west1 (40) = 44 is best (west3 no longer fits).
    assert down["score"] == 44 and down["dropped"] == ["west3"]
    # 110: east1 (floor 44 needs... East has only 40): infeasible, so it is not counted.
    assert up["status"] == "infeasible"
    assert report["stable"] == ["east1", "west1"]
    assert report["unstable"] == ["west3"]


def test_removing_a_ceiling_and_a_cap_keeps_the_others():
    problem = make_problem(
        [cand("a", 10, 1), cand("b", 10, 1, sector="roads")],
        regions={"East": {"min_share": 0.1, "max_share": 0.5}},
        sectors={"roads": {"max_share": 0.3}},
    )
    rules = rules_of(problem)
    assert [r["rule"] for r in rules] == ["region_min", "region_max", "sector_max"]
    no_ceiling = without(problem, rules[1])
    assert no_ceiling.regions["East"] == RegionLimit(0.1, 1.0)
    assert no_ceiling.sector_max_shares == {"roads": 0.3}
    no_cap = without(problem, rules[2])
    assert no_cap.sector_max_shares == {"roads": 1.0}
    assert no_cap.regions["East"] == RegionLimit(0.1, 0.5)
