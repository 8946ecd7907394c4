"""Greedy, LP bound, HiGHS and the reasons for a multi-year plan."""

from __future__ import annotations

import math
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.needs.allocation.multiyear.model import YearModel
from imar.needs.allocation.multiyear.problem import MultiYearProblem, YearAllocation
from imar.needs.allocation.result import (
    FEASIBLE,
    INFEASIBLE,
    NO_SOLUTION_FOUND,
    OPTIMAL,
    Reason,
)

# --------------------------------------------------------------------------------------------
# Heuristic: greedy by score per unit of total cost, each at its earliest start that fits


def _bundle(model: YearModel, i: int, chosen: dict[int, int]) -> list[int] | None:
    stack, seen = [i], {i}
    while stack:
        k = stack.pop()
        for j in model.requires[k]:
            if j not in seen and j not in chosen:
                seen.add(j)
                stack.append(j)
    for k in seen:
        for j in model.excludes[k]:
            if j in chosen or j in seen:
                return None
    return sorted(seen)


def _profile(model: YearModel, i: int, s: int) -> np.ndarray:
    out = np.zeros(model.T)
    costs = model.candidates[i].costs
    out[s : s + len(costs)] = costs
    return out


def _place(
    model: YearModel,
    members: list[int],
    chosen: dict[int, int],
    spending: np.ndarray,
    preferred: dict[int, int] | None = None,
) -> tuple[dict[int, int], np.ndarray] | None:
    """Starts that fit, member by member (a requirement first): the preferred start (the
    LP's) if it fits, else the earliest; None if one does not fit at all."""
    trial, spending = dict(chosen), spending.copy()
    for i in sorted(members, key=lambda k: (k not in _required_by_others(model, members), k)):
        starts = list(model.starts_of(model.candidates[i]))
        if preferred and preferred.get(i) in starts:
            starts.remove(preferred[i])
            starts.insert(0, preferred[i])
        for s in starts:
            after = spending + _profile(model, i, s)
            if model.fits(after):
                trial[i], spending = s, after
                break
        else:
            return None
    return trial, spending


def _required_by_others(model: YearModel, members: list[int]) -> set[int]:
    return {j for k in members for j in model.requires[k]}


def ratio_order(model: YearModel) -> list[int]:
    """Best score per dinar first; equal ratios by higher score, then id."""

    def ratio(i: int) -> float:
        c = model.candidates[i]
        return c.score / c.total_cost if c.total_cost > 0 else math.inf

    return sorted(range(model.n), key=lambda i: (-ratio(i), -model.candidates[i].score, i))


def greedy_years(
    model: YearModel,
    start: dict[int, int] | None = None,
    *,
    order: list[int] | None = None,
    preferred: dict[int, int] | None = None,
) -> dict[int, int] | None:
    """Mandatory projects (and what they require) first, then the others in ``order`` (best
    score per dinar by default), each at a start that keeps every year within budget."""
    chosen = dict(start or {})
    spending = model.spending_of(chosen)
    money = [0.0] * len(model.groups)  # money chosen in each share rule's group
    for i in chosen:
        for g in model.groups_of[i]:
            money[g] += model.candidates[i].total_cost

    def under_ceilings(members: list[int]) -> bool:
        added: dict[int, float] = {}
        for k in members:
            for g in model.groups_of[k]:
                added[g] = added.get(g, 0.0) + model.candidates[k].total_cost
        return all(money[g] + v <= model.groups[g][4] + model.tol for g, v in added.items())

    def take(members: list[int], prefer: dict[int, int] | None = None) -> bool:
        nonlocal chosen, spending
        placed = _place(model, members, chosen, spending, prefer)
        if placed is None:
            return False
        for k in members:
            for g in model.groups_of[k]:
                money[g] += model.candidates[k].total_cost
        chosen, spending = placed
        return True

    for i, c in enumerate(model.candidates):
        if c.mandatory and i not in chosen:
            members = _bundle(model, i, chosen)
            if members is None or not take(members):
                return None
    ranked = order if order is not None else ratio_order(model)
    # Floors first: each group below its floor takes its own best projects until it is met.
    for g, (_kind, _code, members_of_group, low, _high) in enumerate(model.groups):
        if low <= 0:
            continue
        inside = set(members_of_group)
        for i in ranked:
            if money[g] >= low - model.tol:
                break
            if i in chosen or i not in inside:
                continue
            members = _bundle(model, i, chosen)
            if members is not None and under_ceilings(members):
                take(members, preferred)
    for i in ranked:
        if i in chosen or model.candidates[i].score <= 0 and model.candidates[i].total_cost > 0:
            continue
        members = _bundle(model, i, chosen)
        if members is None or (model.groups and not under_ceilings(members)):
            continue
        take(members, preferred)
    return chosen if not model.violations(chosen) else None


def lp_guided(model: YearModel, x: np.ndarray) -> dict[int, int] | None:
    """The greedy in the LP's order: projects the LP funds most first, each at the start the
    LP gives it most of, then the rest by score per dinar."""
    mass = np.zeros(model.n)
    preferred: dict[int, int] = {}
    best = np.full(model.n, -1.0)
    for k, (i, s) in enumerate(model.options):
        mass[i] += x[k]
        if x[k] > best[i]:
            best[i], preferred[i] = x[k], s
    by_ratio = {i: rank for rank, i in enumerate(ratio_order(model))}
    order = sorted(range(model.n), key=lambda i: (-round(mass[i], 6), by_ratio[i]))
    return greedy_years(model, order=order, preferred=preferred)


def earliest_starts(model: YearModel, chosen: dict[int, int]) -> dict[int, int]:
    """Move chosen projects earlier while every year stays within budget, until none can
    start a year earlier with the others where they are."""
    chosen = dict(chosen)
    spending = model.spending_of(chosen)
    changed = True
    while changed:
        changed = False
        for i in sorted(chosen):
            current = chosen[i]
            for s in model.starts_of(model.candidates[i]):
                if s >= current:
                    break
                after = spending - _profile(model, i, current) + _profile(model, i, s)
                if model.fits(after):
                    chosen[i], spending, changed = s, after, True
                    break
    return chosen


# --------------------------------------------------------------------------------------------
# Explanations: each true of the answer's figures


def explain_years(model: YearModel, chosen: dict[int, int]) -> dict[str, Reason]:
    out: dict[str, Reason] = {}
    spending = model.spending_of(chosen)
    usage, capacity = model.usage(spending), model.capacity()
    required_by = {j: i for i in chosen for j in model.requires[i]}
    for i, c in enumerate(model.candidates):
        if i in chosen:
            s = chosen[i]
            params = {
                "start": model.years[s],
                "end": model.years[s + len(c.costs) - 1],
                "cost": c.total_cost,
            }
            if c.mandatory:
                out[c.id] = Reason("years_mandatory", params)
            elif i in required_by:
                out[c.id] = Reason("years_required", {**params, "by": model.ids[required_by[i]]})
            else:
                out[c.id] = Reason("years_chosen", params)
            continue
        first, last = model.window(c)
        starts = model.starts_of(c)
        if not starts:
            out[c.id] = Reason(
                "years_cannot_finish",
                {
                    "length": len(c.costs),
                    "latest_start": model.years[last],
                    "last_year": model.years[-1],
                },
            )
            continue
        blocker = next((j for j in model.excludes[i] if j in chosen), None)
        if blocker is not None:
            out[c.id] = Reason("excluded_by", {"project": model.ids[blocker]})
            continue
        missing = next((j for j in model.requires[i] if j not in chosen), None)
        if missing is not None:
            out[c.id] = Reason("requires_unchosen", {"project": model.ids[missing]})
            continue
        # For each start it could take, the first year whose money would run short.
        short = []
        for s in starts:
            after = spending.copy()
            after[s : s + len(c.costs)] += c.costs
            over = np.flatnonzero(model.usage(after) > capacity + model.tol)
            if len(over) == 0:
                short = []
                break
            t = int(over[0])
            short.append(
                {
                    "start": model.years[s],
                    "year": model.years[t],
                    "needed": float(model.usage(after)[t] - usage[t]),
                    "left": float(capacity[t] - usage[t]),
                }
            )
        if short:
            out[c.id] = Reason(
                "years_no_room",
                {"cost": c.total_cost, "carry_over": model.problem.carry_over, "starts": short},
            )
        else:
            out[c.id] = Reason("no_gain")
    return out


# --------------------------------------------------------------------------------------------
# The pipeline


def score_of_plan(model: YearModel, chosen: dict[int, int] | None) -> float:
    return -math.inf if chosen is None else sum(model.candidates[i].score for i in chosen)


def _result(
    model: YearModel,
    chosen: dict[int, int] | None,
    *,
    status: str,
    upper_bound: float,
    method: str,
    stats: dict[str, float],
    conflicts: list[Reason] | None = None,
    explain: bool = True,
) -> YearAllocation:
    budget = model.budget
    if chosen is None:
        spending = np.zeros(model.T)
    else:
        chosen = earliest_starts(model, chosen)
        spending = model.spending_of(chosen)
    available, carried = [], []
    carry = 0.0
    for t in range(model.T):
        money = float(budget[t]) + (carry if model.problem.carry_over else 0.0)
        available.append(money)
        carry = money - float(spending[t])
        carried.append(carry)
    score = 0.0 if chosen is None else float(sum(model.candidates[i].score for i in chosen))
    bound = max(upper_bound, score) if chosen is not None else upper_bound
    result = YearAllocation(
        status=status,
        starts={} if chosen is None else {model.ids[i]: model.years[s] for i, s in chosen.items()},
        total_cost=float(spending.sum()),
        total_score=score,
        upper_bound=bound,
        gap=((bound - score) / bound if bound > 0 else 0.0) if chosen is not None else 1.0,
        spending=[float(v) for v in spending],
        available=available,
        carried=carried,
        conflicts=conflicts or [],
        explanations=explain_years(model, chosen) if explain and chosen is not None else {},
        method=method,
        currency=model.problem.currency,
        years=model.years,
        budgets=tuple(float(b) for b in budget),
        stats=stats,
    )
    return result


def _not_fitting(model: YearModel) -> Reason:
    """Why no plan exists: the mandatory projects alone, or with the share rules."""
    if model.groups:
        return Reason("years_rules_do_not_fit", {"rules": len(model.groups)})
    return Reason("years_mandatory_do_not_fit")


def allocate_years(
    problem: MultiYearProblem,
    *,
    time_limit: float = 10.0,
    mip_rel_gap: float = 1e-4,
    explain: bool = True,
) -> YearAllocation:
    """Best selection and start years under the yearly budgets; bound and gap as always."""
    started = time.perf_counter()
    model = YearModel(problem)
    stats: dict[str, float] = {}
    unplaceable = [c.id for c in model.candidates if c.mandatory and not model.starts_of(c)]
    if unplaceable:
        return _result(
            model,
            None,
            status=INFEASIBLE,
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=[Reason("years_mandatory_cannot_finish", {"projects": unplaceable})],
        )
    greedy = greedy_years(model)
    best, method = greedy, ("greedy" if greedy is not None else "")
    if not model.options:
        return _result(model, {}, status=OPTIMAL, upper_bound=0.0, method="", stats=stats)
    matrix, lower, upper = model.milp_rows()
    constraints = [LinearConstraint(matrix, lower, upper)]
    k = len(model.options)
    relaxed = milp(
        -model.option_score,
        integrality=np.zeros(k),
        bounds=Bounds(np.zeros(k), np.ones(k)),
        constraints=constraints,
    )
    stats["lp_seconds"] = time.perf_counter() - started
    if relaxed.status == 2:
        return _result(
            model,
            None,
            status=INFEASIBLE,
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=[_not_fitting(model)],
        )
    upper_bound = float(-relaxed.fun)
    guided = lp_guided(model, np.asarray(relaxed.x))
    if guided is not None and score_of_plan(model, guided) > score_of_plan(model, best):
        best, method = guided, "lp_guided"

    def score_of(chosen: dict[int, int] | None) -> float:
        return -math.inf if chosen is None else sum(model.candidates[i].score for i in chosen)

    status = FEASIBLE
    remaining = time_limit - (time.perf_counter() - started)
    gap_now = (upper_bound - score_of(best)) / upper_bound if upper_bound > 0 else 0.0
    if remaining > 0 and (best is None or gap_now > mip_rel_gap):
        result = milp(
            -model.option_score,
            integrality=np.ones(k),
            bounds=Bounds(np.zeros(k), np.ones(k)),
            constraints=constraints,
            options={"time_limit": max(remaining, 0.01), "mip_rel_gap": mip_rel_gap},
        )
        stats["milp_seconds"] = time.perf_counter() - started - stats["lp_seconds"]
        if result.status == 2:
            return _result(
                model,
                None,
                status=INFEASIBLE,
                upper_bound=0.0,
                method="",
                stats=stats,
                conflicts=[_not_fitting(model)],
            )
        if result.x is not None:
            picked = {
                model.options[j][0]: model.options[j][1] for j in np.flatnonzero(result.x > 0.5)
            }
            if not model.violations(picked) and score_of(picked) > score_of(best):
                best, method = picked, "milp"
        dual = getattr(result, "mip_dual_bound", None)
        if dual is not None and math.isfinite(dual):
            upper_bound = min(upper_bound, float(-dual))
    if best is None:
        return _result(
            model,
            None,
            status=NO_SOLUTION_FOUND,
            upper_bound=upper_bound,
            method="",
            stats=stats,
            conflicts=[Reason("not_found", {"time_limit": time_limit})],
        )
    # Anything that still fits (a solver stopped within its tolerance may leave one out).
    best = greedy_years(model, best) or best
    achieved = score_of(best)
    if upper_bound <= achieved or (upper_bound - achieved) / upper_bound <= mip_rel_gap:
        status = OPTIMAL
    stats["seconds"] = time.perf_counter() - started
    return _result(
        model,
        best,
        status=status,
        upper_bound=upper_bound,
        method=method,
        stats=stats,
        explain=explain,
    )
