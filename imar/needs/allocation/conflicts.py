"""Why the rules cannot all hold: conflicts seen directly, then a deletion filter."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.needs.allocation.bound import relaxed_solve
from imar.needs.allocation.model import REL_TOL, Model, forced_projects
from imar.needs.allocation.result import Reason


def simple_conflicts(model: Model) -> list[Reason]:
    """Conflicts visible without solving; each one alone makes the rules impossible."""
    out: list[Reason] = []
    budget, tol = model.budget, model.tol
    mins = [
        (model.region_codes[r], float(model.region_min_share[r]))
        for r in range(len(model.region_codes))
        if model.region_min_share[r] > 0
    ]
    total_min = sum(share for _, share in mins)
    if total_min > 1 + REL_TOL:
        codes = [code for code, _ in mins]
        out.append(
            Reason("region_minimums_exceed_budget", {"regions": codes, "total_share": total_min})
        )
    forced, via = forced_projects(model)
    # "Mandatory projects and those they require" when requirements add to the figures.
    with_required = bool(via)
    forced_cost = float(model.cost[forced].sum())
    if forced_cost > budget + tol:
        out.append(
            Reason(
                "mandatory_over_budget",
                {"cost": forced_cost, "budget": budget, "with_required": with_required},
            )
        )
    _, _, forced_region, forced_sector = model.totals(forced)
    for r, code in enumerate(model.region_codes):
        available = float(model.cost[model.region == r].sum())
        need = float(model.region_min[r])
        if need > available + tol:
            params = {
                "region": code,
                "share": float(model.region_min_share[r]),
                "amount": need,
                "available": available,
            }
            out.append(Reason("region_minimum_unreachable", params))
        if model.region_max_share[r] < 1 and forced_region[r] > model.region_max[r] + tol:
            params = {
                "region": code,
                "cost": float(forced_region[r]),
                "share": float(model.region_max_share[r]),
                "amount": float(model.region_max[r]),
                "with_required": with_required,
            }
            out.append(Reason("mandatory_over_region_maximum", params))
    out += _district_conflicts(model, forced, with_required)
    for s, code in enumerate(model.sector_codes):
        if model.sector_max_share[s] < 1 and forced_sector[s] > model.sector_max[s] + tol:
            params = {
                "sector": code,
                "cost": float(forced_sector[s]),
                "share": float(model.sector_max_share[s]),
                "amount": float(model.sector_max[s]),
                "with_required": with_required,
            }
            out.append(Reason("mandatory_over_sector_maximum", params))

    def root_and_chain(i: int) -> list[str]:
        chain = [model.ids[i]]
        while i in via:
            i = via[i]
            chain.append(model.ids[i])
        return chain[::-1]  # mandatory root first

    for i, j in model.excludes_pairs:
        if not (forced[i] and forced[j]):
            continue
        if model.mandatory[i] and model.mandatory[j]:
            out.append(
                Reason(
                    "mandatory_excludes_mandatory",
                    {"project": model.ids[i], "other": model.ids[j]},
                )
            )
            continue
        # A required (non-mandatory) project first, so the sentence reads naturally.
        if model.mandatory[i]:
            i, j = j, i
        params = {
            "chain": root_and_chain(i),
            "other": model.ids[j],
            "other_root": None if model.mandatory[j] else root_and_chain(j)[0],
        }
        out.append(Reason("required_project_excluded", params))
    return out


def _district_conflicts(model: Model, forced: np.ndarray, with_required: bool) -> list[Reason]:
    out: list[Reason] = []
    total_min = float(model.district_min_share.sum())
    if total_min > 1 + REL_TOL:
        codes = [c for d, c in enumerate(model.district_codes) if model.district_min_share[d] > 0]
        out.append(
            Reason(
                "district_minimums_exceed_budget", {"districts": codes, "total_share": total_min}
            )
        )
    forced_district = model.by_district(forced)
    available = model.by_district(np.ones(model.n, dtype=bool))
    for d, code in enumerate(model.district_codes):
        if model.district_min[d] > available[d] + model.tol:
            params = {
                "district": code,
                "share": float(model.district_min_share[d]),
                "amount": float(model.district_min[d]),
                "available": float(available[d]),
            }
            out.append(Reason("district_minimum_unreachable", params))
        if (
            model.district_max_share[d] < 1
            and forced_district[d] > model.district_max[d] + model.tol
        ):
            params = {
                "district": code,
                "cost": float(forced_district[d]),
                "share": float(model.district_max_share[d]),
                "amount": float(model.district_max[d]),
                "with_required": with_required,
            }
            out.append(Reason("mandatory_over_district_maximum", params))
    return out


def _feasible(model: Model, active: set[tuple[Any, ...]], time_limit: float) -> bool | None:
    """Whether the rules in ``active`` can all hold (None: unknown within the time)."""
    relaxed = relaxed_solve(model, active)
    if relaxed.status == 2:
        return False
    matrix, lower, upper, var_lower = model.constraints(active)
    constraints = [LinearConstraint(matrix, lower, upper)] if matrix is not None else []
    result = milp(
        np.zeros(model.n),
        integrality=np.ones(model.n),
        bounds=Bounds(var_lower, np.ones(model.n)),
        constraints=constraints,
        options={"time_limit": max(time_limit, 0.1), "disp": False},
    )
    if result.status == 2:
        return False
    if result.x is not None:
        return True
    return None


def conflicting_rules(model: Model, *, time_limit: float) -> Reason:
    """A small set of rules that cannot hold together (deletion filter over rule groups).

    Called only once the whole set is proven infeasible; a rule is dropped only when the rest
    is proven infeasible still, so the set returned never holds together.
    """
    deadline = time.monotonic() + time_limit
    groups = model.groups()
    active = set(groups)

    def still_infeasible(trial: set[tuple[Any, ...]]) -> bool:
        remaining = max(deadline - time.monotonic(), 0.1)
        return _feasible(model, trial, min(remaining, 5.0)) is False

    # Whole kinds first: cheap when thousands of pairwise rules are irrelevant.
    kinds = ("excludes", "requires", "mandatory", "sector_max", "district_max", "region_max")
    for kind in (*kinds, "district_min", "region_min"):
        members = {g for g in active if g[0] == kind}
        if members and len(members) < len(active) and still_infeasible(active - members):
            active -= members
    # Then one by one (bounded, so huge rule sets still answer in time).
    for group in [g for g in groups if g in active][:300]:
        if time.monotonic() > deadline:
            break
        if len(active) > 1 and still_infeasible(active - {group}):
            active.discard(group)
    return Reason(
        "conflicting_rules", {"rules": [model.describe_group(g) for g in groups if g in active]}
    )
