"""Sensitivity of an allocation: what each rule costs, the answer at ±10% budget, what is stable.

Method, stated with every result (``method``): **re-solving**, not LP duals. For each floor,
ceiling and sector cap that the problem sets, the problem is solved again with that one rule
removed (a floor set to 0, a ceiling or cap to 100%); the rule's cost is the score gained
without it. Duals of the LP relaxation would be cheaper but price the fractional relaxation,
not the 0/1 choice a planner makes, and are often zero for a floor that does move the answer.

Each solve stops within a relative gap, so the cost is known within an interval: at least
``score_without - bound_with`` and at most ``bound_without - score_with`` (both clipped at 0).
The budget cases scale the budget by ±10% with every floor, ceiling and cap kept as the same
share of the (new) budget.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from imar.needs.allocation.problem import Problem, RegionLimit
from imar.needs.allocation.result import INFEASIBLE, NO_SOLUTION_FOUND, Allocation
from imar.needs.allocation.solver import allocate

METHOD = "re-solve without the rule"
BUDGET_FACTORS = (0.9, 1.1)


def rules_of(problem: Problem) -> list[dict[str, Any]]:
    """Every floor, ceiling and cap the problem sets, as rule data (as the reasons name them)."""
    rules: list[dict[str, Any]] = []
    for level, limits in (("region", problem.regions), ("district", problem.districts)):
        for code in sorted(limits):
            limit = limits[code]
            if limit.min_share > 0:
                rules.append({"rule": f"{level}_min", level: code, "share": limit.min_share})
            if limit.max_share < 1:
                rules.append({"rule": f"{level}_max", level: code, "share": limit.max_share})
    for code in sorted(problem.sector_max_shares):
        share = problem.sector_max_shares[code]
        if share < 1:
            rules.append({"rule": "sector_max", "sector": code, "share": share})
    return rules


def without(problem: Problem, rule: dict[str, Any]) -> Problem:
    """The problem with this one rule removed."""
    kind = rule["rule"]
    if kind == "sector_max":
        caps = dict(problem.sector_max_shares)
        caps[rule["sector"]] = 1.0
        return replace(problem, sector_max_shares=caps)
    level = "region" if kind.startswith("region") else "district"
    limits = dict(problem.regions if level == "region" else problem.districts)
    old = limits[rule[level]]
    limits[rule[level]] = (
        RegionLimit(0.0, old.max_share)
        if kind.endswith("_min")
        else RegionLimit(old.min_share, 1.0)
    )
    return replace(problem, **{"regions" if level == "region" else "districts": limits})


def _solved(result: Allocation) -> bool:
    return result.status not in (INFEASIBLE, NO_SOLUTION_FOUND)


def sensitivity(
    problem: Problem,
    *,
    base: Allocation | None = None,
    time_limit: float = 5.0,
    mip_rel_gap: float = 1e-4,
) -> dict[str, Any]:
    """Each rule's cost in score, the answers at ±10% budget, and the projects stable across."""

    def solve(p: Problem) -> Allocation:
        return allocate(p, time_limit=time_limit, mip_rel_gap=mip_rel_gap, explain=False)

    base = base or solve(problem)
    out: dict[str, Any] = {
        "method": METHOD,
        "base": {"status": base.status, "score": base.total_score, "bound": base.upper_bound},
        "rules": [],
        "budget": [],
    }
    for rule in rules_of(problem):
        result = solve(without(problem, rule))
        entry: dict[str, Any] = {**rule, "status": result.status}
        if _solved(base) and _solved(result):
            entry["score_without"] = result.total_score
            entry["cost"] = max(0.0, result.total_score - base.total_score)
            entry["cost_low"] = max(0.0, result.total_score - base.upper_bound)
            entry["cost_high"] = max(0.0, result.upper_bound - base.total_score)
            entry["exact"] = base.status == "optimal" and result.status == "optimal"
        out["rules"].append(entry)
    out["rules"].sort(key=lambda e: -e.get("cost", 0.0))
    answers = [set(base.selected)] if _solved(base) else []
    for factor in BUDGET_FACTORS:
        result = solve(replace(problem, budget=problem.budget * factor))
        entry = {
            "factor": factor,
            "budget": problem.budget * factor,
            "status": result.status,
            "score": result.total_score,
            "bound": result.upper_bound,
            "cost": result.total_cost,
        }
        if _solved(result):
            chosen = set(result.selected)
            answers.append(chosen)
            if _solved(base):
                entry["added"] = sorted(chosen - set(base.selected))
                entry["dropped"] = sorted(set(base.selected) - chosen)
        out["budget"].append(entry)
    # Stable: chosen in the base answer and in every budget case that has an answer.
    if answers:
        out["stable"] = sorted(set.intersection(*answers))
        out["unstable"] = sorted(set.union(*answers) - set(out["stable"]))
    else:
        out["stable"], out["unstable"] = [], []
    return out
