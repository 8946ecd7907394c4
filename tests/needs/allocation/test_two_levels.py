"""Region and district floors and ceilings at once."""

import random

import pytest

from imar.needs.allocation import (
    Problem,
    ProblemError,
    allocate,
    greedy_allocation,
    parse_allocation_input,
)
from tests.needs.allocation.helpers import (
    brute_force,
    cand,
    check_reason,
    independent_violations,
    two_level_problem,
    worded,
)


def test_region_and_district_limits_at_once_against_brute_force():
    rng = random.Random(2027)
    seen = {"optimal": 0, "infeasible": 0, "district binds": 0}
    for _ in range(70):
        problem = two_level_problem(rng, rng.randint(6, 13))
        best = brute_force(problem)
        result = allocate(problem, time_limit=5, mip_rel_gap=0)
        if best is None:
            assert result.status == "infeasible", result.status
            assert result.conflicts and all(worded(c) for c in result.conflicts)
            seen["infeasible"] += 1
            continue
        assert result.status == "optimal", [worded(c) for c in result.conflicts]
        assert independent_violations(problem, result.selected) == []
        assert result.total_score == pytest.approx(best, abs=1e-9)
        for cid, reason in result.explanations.items():
            if reason.code != "district_maximum_reached":
                check_reason(problem, result.selected, cid, reason)
            else:
                by_id = {c.id: c for c in problem.candidates}
                p = reason.params
                spent = sum(
                    by_id[k].cost for k in result.selected if by_id[k].district == p["district"]
                )
                assert by_id[cid].district == p["district"] and cid not in result.selected
                assert p["spent"] == pytest.approx(spent)
                assert spent + by_id[cid].cost > p["amount"] + 1e-9 * problem.budget
        # Without the district rules the best is at least as good: the districts count.
        loose = brute_force(Problem(problem.budget, problem.candidates, problem.regions,
                                     problem.sector_max_shares))  # fmt: skip
        if loose is not None and loose > best + 1e-9:
            seen["district binds"] += 1
        greedy = greedy_allocation(problem, explain=False)
        if greedy.status == "feasible":
            assert independent_violations(problem, greedy.selected) == []
        seen["optimal"] += 1
    assert seen["optimal"] > 15 and seen["infeasible"] > 3 and seen["district binds"] > 3, seen


def test_district_floor_and_region_ceiling_conflict_is_explained():
    problem = parse_allocation_input(
        {
            "budget": 100,
            "candidates": [
                cand("a", 40, 5, "East", district="Derna"),
                cand("b", 30, 5, "East", district="Marj"),
                cand("w", 50, 1, "West", district="Tripoli"),
            ],
            "regions": {"East": {"max_share": 0.5}},
            "districts": {"Derna": {"min_share": 0.3}, "Marj": {"min_share": 0.25}},
        }
    )
    result = allocate(problem)
    assert result.status == "infeasible"
    [reason] = result.conflicts
    assert {r["rule"] for r in reason.params["rules"]} == {
        "region_max",
        "district_min",
    }
    assert "Derna gets at least 30.00% of the budget" in worded(reason)


def test_a_district_in_two_regions_is_refused():
    with pytest.raises(ProblemError, match="district 'D' is in region 'East'"):
        parse_allocation_input(
            {
                "budget": 10,
                "candidates": [
                    cand("a", 1, 1, "East", district="D"),
                    cand("b", 1, 1, "West", district="D"),
                ],
            }
        )
