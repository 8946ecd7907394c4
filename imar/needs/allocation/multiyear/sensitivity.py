"""Sensitivity of a multi-year plan, by the same method as one year (re-solving): what each
region, district and sector rule costs in score, the plan with every year's budget at ±10%
(shares kept as shares of the new plan budget) and the projects chosen in all three plans.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from imar.needs.allocation.multiyear.problem import MultiYearProblem, YearAllocation
from imar.needs.allocation.multiyear.solve import allocate_years
from imar.needs.allocation.result import INFEASIBLE, NO_SOLUTION_FOUND
from imar.needs.allocation.sensitivity import BUDGET_FACTORS, METHOD, rules_of, without


def _solved(result: YearAllocation) -> bool:
    return result.status not in (INFEASIBLE, NO_SOLUTION_FOUND)


def plan_sensitivity(
    problem: MultiYearProblem,
    *,
    base: YearAllocation | None = None,
    time_limit: float = 5.0,
    mip_rel_gap: float = 1e-4,
) -> dict[str, Any]:
    """The one-year ``sensitivity`` document for a plan (``budget`` is the plan's total)."""

    def solve(p: MultiYearProblem) -> YearAllocation:
        return allocate_years(p, time_limit=time_limit, mip_rel_gap=mip_rel_gap, explain=False)

    base = base or solve(problem)
    out: dict[str, Any] = {
        "method": METHOD,
        "base": {"status": base.status, "score": base.total_score, "bound": base.upper_bound},
        "rules": [],
        "budget": [],
    }
    for rule in rules_of(problem):  # the same fields on a plan as on one year
        result = solve(without(problem, rule))  # type: ignore[arg-type]
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
        scaled = replace(problem, budgets=tuple(b * factor for b in problem.budgets))
        result = solve(scaled)
        entry = {
            "factor": factor,
            "budget": scaled.budget,
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
    if answers:
        out["stable"] = sorted(set.intersection(*answers))
        out["unstable"] = sorted(set.union(*answers) - set(out["stable"]))
    else:
        out["stable"], out["unstable"] = [], []
    return out
