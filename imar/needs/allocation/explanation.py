"""Why each candidate is in or out, as reasons true of the numbers they carry.

Every left-out reason states something the selection makes true: the blocking project is
chosen, the required one is not, the cap would be passed (``spent + cost > amount``), the
money left is less than the cost, and "below the chosen projects" only when the score per
million really is below the lowest one chosen for its score.
"""

from __future__ import annotations

import math

import numpy as np

from imar.needs.allocation.model import Model, forced_projects
from imar.needs.allocation.result import Reason

PER_MILLION = 1e6


def explain(model: Model, chosen: np.ndarray) -> dict[str, Reason]:
    """The binding reason for each candidate (the first that holds, in the order below)."""
    total, _, by_region, by_sector = model.totals(chosen)
    left = model.budget - total
    tol = model.tol
    forced, _ = forced_projects(model)
    required_by: list[int | None] = [None] * model.n
    for i, j in model.requires_pairs:
        if chosen[i] and required_by[j] is None:
            required_by[j] = i
    # The cutoff is set by projects chosen for their score, not as mandatory or required.
    on_merit = chosen & ~forced & (model.cost > 0)
    on_merit[[k for k in range(model.n) if required_by[k] is not None]] = False
    cutoff = float(model.ratio[on_merit].min()) if on_merit.any() else math.inf
    by_district = model.by_district(chosen)
    out: dict[str, Reason] = {}
    for i in range(model.n):
        cid = model.ids[i]
        if chosen[i]:
            if model.mandatory[i]:
                out[cid] = Reason("mandatory")
            elif required_by[i] is not None:
                out[cid] = Reason("required", {"by": model.ids[required_by[i]]})
            elif model.cost[i] == 0:
                out[cid] = Reason("costs_nothing")
            else:
                ratio = float(model.ratio[i] * PER_MILLION)
                out[cid] = Reason("high_score_per_dinar", {"score_per_million": ratio})
            continue
        spent = (by_region, by_district, by_sector)
        out[cid] = _left_out(model, chosen, i, left, spent, cutoff, tol)
    return out


def _left_out(model, chosen, i, left, spent, cutoff, tol) -> Reason:  # noqa: C901
    by_region, by_district, by_sector = spent
    blockers = sorted(j for j in model.excludes[i] if chosen[j])
    if blockers:
        return Reason("excluded_by", {"project": model.ids[blockers[0]]})
    missing = [j for j in model.requires[i] if not chosen[j]]
    if missing:
        return Reason("requires_unchosen", {"project": model.ids[missing[0]]})
    cost = float(model.cost[i])
    r, s = model.region[i], model.sector[i]
    if model.region_max_share[r] < 1 and by_region[r] + cost > model.region_max[r] + tol:
        return Reason(
            "region_maximum_reached",
            {
                "region": model.region_codes[r],
                "share": float(model.region_max_share[r]),
                "amount": float(model.region_max[r]),
                "spent": float(by_region[r]),
                "cost": cost,
            },
        )
    d = model.district[i]
    if (
        d < len(model.district_codes)
        and model.district_max_share[d] < 1
        and by_district[d] + cost > model.district_max[d] + tol
    ):
        return Reason(
            "district_maximum_reached",
            {
                "district": model.district_codes[d],
                "share": float(model.district_max_share[d]),
                "amount": float(model.district_max[d]),
                "spent": float(by_district[d]),
                "cost": cost,
            },
        )
    if model.sector_max_share[s] < 1 and by_sector[s] + cost > model.sector_max[s] + tol:
        return Reason(
            "sector_maximum_reached",
            {
                "sector": model.sector_codes[s],
                "share": float(model.sector_max_share[s]),
                "amount": float(model.sector_max[s]),
                "spent": float(by_sector[s]),
                "cost": cost,
            },
        )
    if cost > left + tol:
        ratio = float(model.ratio[i])
        if math.isfinite(cutoff) and ratio < cutoff:
            return Reason(
                "budget_exhausted",
                {
                    "cost": cost,
                    "remaining": float(left),
                    "score_per_million": ratio * PER_MILLION,
                    "cutoff_per_million": cutoff * PER_MILLION,
                },
            )
        # As good per dinar as what was chosen, but too big for what is left.
        return Reason("does_not_fit", {"cost": cost, "remaining": float(left)})
    # It fits every rule; the answer was completed with every such project that adds score,
    # so this one adds none.
    return Reason("no_gain", {"score": float(model.score[i])})
