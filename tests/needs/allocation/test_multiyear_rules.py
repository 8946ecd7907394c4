"""Multi-year plans with region and district floors and ceilings at once, sector caps,
per-capita floors and sensitivity, each against a brute force written here from the
definition (shares of the whole plan's budget, held by the total cost funded per group)."""

import itertools
import random
from dataclasses import replace

import pytest

from imar.needs.allocation import ProblemError, RegionLimit
from imar.needs.allocation.equity import population_floors
from imar.needs.allocation.multiyear import (
    MultiYearProblem,
    YearCandidate,
    allocate_years,
    parse_multiyear_input,
    plan_sensitivity,
)
from tests.needs.allocation.test_multiyear import independent_ok

DISTRICTS = {"E1": "E", "E2": "E", "W1": "W"}


def shares_ok(problem: MultiYearProblem, starts: dict[str, int]) -> bool:
    total = sum(problem.budgets)
    slack = 1e-7 * total
    money: dict[tuple[str, str], float] = {}
    for c in problem.candidates:
        if c.id in starts:
            for key in (("region", c.region), ("district", c.district), ("sector", c.sector)):
                money[key] = money.get(key, 0.0) + sum(c.costs)
    for level, limits in (("region", problem.regions), ("district", problem.districts)):
        for code, limit in limits.items():
            spent = money.get((level, code), 0.0)
            if spent < limit.min_share * total - slack or spent > limit.max_share * total + slack:
                return False
    for code, cap in problem.sector_max_shares.items():
        if money.get(("sector", code), 0.0) > cap * total + slack:
            return False
    return True


def brute(problem: MultiYearProblem) -> tuple[float | None, list[set[str]]]:
    """Best score and every optimal selection (None when no plan meets every rule)."""
    choices = [[None, *problem.years] for _ in problem.candidates]
    best, chosen = None, []
    for combo in itertools.product(*choices):
        starts = {c.id: s for c, s in zip(problem.candidates, combo, strict=True) if s is not None}
        if independent_ok(problem, starts) and shares_ok(problem, starts):
            score = sum(c.score for c in problem.candidates if c.id in starts)
            if best is None or score > best + 1e-9:
                best, chosen = score, [set(starts)]
            elif abs(score - best) <= 1e-9:
                chosen.append(set(starts))
    return best, chosen


def random_plan(seed: int) -> MultiYearProblem:
    rng = random.Random(seed)
    years = (2027, 2028, 2029)
    candidates = []
    for k in range(rng.randint(4, 6)):
        district = rng.choice(list(DISTRICTS))
        candidates.append(
            YearCandidate(
                id=f"p{k}",
                costs=tuple(float(rng.randint(2, 20)) for _ in range(rng.choice([1, 1, 2, 3]))),
                score=float(rng.randint(1, 30)),
                earliest_start=rng.choice([None, None, 2028]),
                mandatory=rng.random() < 0.08,
                region=DISTRICTS[district],
                district=district,
                sector=rng.choice(["health", "water"]),
            )
        )
    budgets = tuple(float(rng.randint(10, 30)) for _ in years)

    def limit() -> RegionLimit:
        low = rng.choice([0.0, 0.0, 0.1, 0.2, 0.3])
        return RegionLimit(low, rng.choice([1.0, 1.0, max(low, 0.5), max(low, 0.35)]))

    return MultiYearProblem(
        years,
        budgets,
        tuple(candidates),
        carry_over=rng.random() < 0.7,
        regions={r: limit() for r in ("E", "W") if rng.random() < 0.7},
        districts={d: limit() for d in DISTRICTS if rng.random() < 0.5},
        sector_max_shares={"health": 0.45} if rng.random() < 0.4 else {},
    )


@pytest.mark.parametrize("seed", range(40))
def test_two_levels_and_sector_caps_match_brute_force(seed):
    problem = random_plan(seed)
    best, _ = brute(problem)
    answer = allocate_years(problem, time_limit=5)
    if best is None:
        assert answer.status == "infeasible" and not answer.starts
        assert answer.conflicts and answer.conflicts[0].code in (
            "years_rules_do_not_fit",
            "years_mandatory_do_not_fit",
            "years_mandatory_cannot_finish",
        )
        return
    assert answer.status == "optimal"
    assert independent_ok(problem, answer.starts) and shares_ok(problem, answer.starts)
    assert answer.total_score == pytest.approx(best)
    assert answer.upper_bound >= best - 1e-6


def test_the_random_cases_have_binding_floors_and_infeasible_ones():
    kinds = set()
    for seed in range(40):
        problem = random_plan(seed)
        best, _ = brute(problem)
        free = replace(problem, regions={}, districts={}, sector_max_shares={})
        kinds.add("infeasible" if best is None else "solved")
        if best is not None and best < (brute(free)[0] or 0) - 1e-9:
            kinds.add("binding")
    assert kinds == {"infeasible", "solved", "binding"}


@pytest.mark.parametrize("seed", range(12))
def test_per_capita_floors_on_a_plan_match_brute_force(seed):
    problem = replace(random_plan(seed), districts={}, regions={})
    population = {"E1": 3000, "E2": 1000, "W1": 2000}
    floored = population_floors(problem, population, 0.3)
    assert floored.districts["E1"].min_share == pytest.approx(0.15)
    best, _ = brute(floored)
    answer = allocate_years(floored, time_limit=5)
    if best is None:
        assert answer.status == "infeasible"
    else:
        assert answer.total_score == pytest.approx(best)
        assert shares_ok(floored, answer.starts)


@pytest.mark.parametrize("seed", [1, 4, 7, 9, 11, 15])
def test_sensitivity_of_a_plan_against_brute_force(seed):
    problem = random_plan(seed)
    best, optimal_sets = brute(problem)
    result = plan_sensitivity(problem, time_limit=5)
    assert result["base"]["score"] == pytest.approx(best or 0.0)
    if best is None:
        return
    for entry in result["rules"]:
        kind = entry["rule"]
        level = "region" if kind.startswith("region") else "district"
        if kind == "sector_max":
            relaxed = replace(
                problem, sector_max_shares={**problem.sector_max_shares, entry["sector"]: 1.0}
            )
        else:
            limits = dict(getattr(problem, f"{level}s"))
            old = limits[entry[level]]
            limits[entry[level]] = (
                RegionLimit(0.0, old.max_share)
                if kind.endswith("_min")
                else RegionLimit(old.min_share, 1.0)
            )
            relaxed = replace(problem, **{f"{level}s": limits})
        assert entry["cost"] == pytest.approx(brute(relaxed)[0] - best)
    for entry in result["budget"]:
        scaled = replace(problem, budgets=tuple(b * entry["factor"] for b in problem.budgets))
        scaled_best, scaled_sets = brute(scaled)
        if scaled_best is None:
            assert entry["status"] == "infeasible"
            continue
        assert entry["score"] == pytest.approx(scaled_best)
        assert entry["budget"] == pytest.approx(sum(scaled.budgets))
    # Stable projects are chosen in the base plan and in both budget cases.
    base_plan = allocate_years(problem, time_limit=5)
    assert set(result["stable"]) <= set(base_plan.selected) or result["stable"] == []
    assert any(set(result["stable"]) <= s for s in optimal_sets)


def test_parse_plan_rules_names_the_field():
    doc = {
        "years": [2027, 2028],
        "budgets": {"2027": 10, "2028": 10},
        "candidates": [
            {"id": "a", "costs": [5], "score": 1, "region": "E", "district": "E1"},
            {"id": "b", "costs": [5], "score": 1, "region": "W", "district": "E1"},
        ],
        "regions": {"E": {"min_share": 0.2}},
    }
    with pytest.raises(ProblemError) as info:
        parse_multiyear_input(doc)
    assert info.value.path == "candidates[1].district"
    doc["candidates"][1]["district"] = "W1"
    doc["regions"] = {"E": {"min_share": 0.6, "max_share": 0.4}}
    with pytest.raises(ProblemError) as info:
        parse_multiyear_input(doc)
    assert info.value.path == "regions.E"
    doc["regions"] = {"E": {"min_share": 0.25}}
    doc["sectors"] = {"health": {"max_share": 0.5}}
    problem = parse_multiyear_input(doc)
    assert problem.regions["E"].min_share == 0.25
    assert allocate_years(problem).starts.keys() >= {"a"}
