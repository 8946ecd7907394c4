"""Equity of an allocation against need: per district, a fairness index, a second objective (pure).

Per district: the money chosen, its share of all money chosen, the district's share of all
need, their ratio (1 = money in proportion to need), and money and need per person when a
population is given.

Fairness indexes, of the ratio allocation share / need share across districts, each district
weighted by its need share:

* **Gini**: 1 − twice the area under the Lorenz curve of money against need (districts by
  money / need; cumulative need share across, money share up), which is
  ½ Σᵢ Σⱼ nᵢ nⱼ |rᵢ − rⱼ| / μ when every district has need; money where no need is recorded
  sits at the end of the curve, so it counts as unequal. 0 is money exactly in proportion to
  need; it tends to 1 as money goes where need is negligible.
* **Theil** (T): Σᵢ mᵢ ln(mᵢ / nᵢ), mᵢ the money share, nᵢ the need share; 0 is proportional.
  Infinite (reported as None) once money goes where no need is recorded; that share of the
  money is reported beside it.

Second objective (:func:`allocate_fair`), **lexicographic**: first the best score (the
allocator's answer, S); then, among selections keeping every rule with a score of at least
(1 − ``score_slack``) × S, the one whose money by district is closest to need in the L1 sense
(Σ_d |money_d − need share_d × money chosen|, a linear stand-in for the Gini, which is not
linear). With ``score_slack=0`` the score is kept and only ties are broken for fairness.

Per-capita floors (:func:`population_floors`): district floors as a share of the budget in
proportion to population.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.needs.allocation.heuristic import Greedy
from imar.needs.allocation.model import ROW_SCALE, Model, violations
from imar.needs.allocation.problem import Problem, ProblemError, RegionLimit
from imar.needs.allocation.result import Allocation
from imar.needs.allocation.solver import allocate, build_result


def gini(weights: list[float], ratios: list[float]) -> float:
    total = sum(weights)
    if total <= 0:
        return 0.0
    w = [x / total for x in weights]
    mean = sum(a * r for a, r in zip(w, ratios, strict=True))
    if mean <= 0:
        return 0.0
    spread = sum(
        a * b * abs(r - s)
        for a, r in zip(w, ratios, strict=True)
        for b, s in zip(w, ratios, strict=True)
    )
    return spread / (2 * mean)


def lorenz_gini(money_shares: list[float], need_shares: list[float]) -> float:
    """1 − twice the area under the Lorenz curve of money against need: districts sorted by
    money / need (those with money but no need last, at ratio ∞), cumulative need share
    across, cumulative money share up. Equal to :func:`gini` of the ratios weighted by need
    when every district has need; money where no need is recorded counts as unequal."""
    rows = sorted(
        zip(money_shares, need_shares, strict=True),
        key=lambda mn: mn[0] / mn[1] if mn[1] > 0 else (math.inf if mn[0] > 0 else 0.0),
    )
    area, cumulative = 0.0, 0.0
    for money, need in rows:
        area += need * (2 * cumulative + money)  # a trapezium of width need
        cumulative += money
    return 1.0 - area


def theil(money_shares: list[float], need_shares: list[float]) -> float:
    return sum(m * math.log(m / n) for m, n in zip(money_shares, need_shares, strict=True) if m > 0)


def district_equity(
    money: Mapping[str, float],
    need: Mapping[str, float],
    population: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Rows per district (need's and money's) and the Gini and Theil of allocation/need."""
    population = population or {}
    codes = sorted(set(money) | set(need))
    total_money = sum(max(0.0, money.get(c, 0.0)) for c in codes)
    total_need = sum(max(0.0, need.get(c, 0.0)) for c in codes)
    rows = []
    for code in codes:
        m, n = float(money.get(code, 0.0)), float(need.get(code, 0.0))
        row: dict[str, Any] = {
            "district": code,
            "money": m,
            "need": n,
            "money_share": m / total_money if total_money > 0 else 0.0,
            "need_share": n / total_need if total_need > 0 else 0.0,
        }
        row["ratio"] = row["money_share"] / row["need_share"] if row["need_share"] > 0 else None
        people = population.get(code)
        if people:
            row["population"] = people
            row["money_per_person"] = m / people
            row["need_per_person"] = n / people
        rows.append(row)
    counted = [r for r in rows if r["need_share"] > 0]
    outside = sum(r["money_share"] for r in rows if r["need_share"] == 0)
    out: dict[str, Any] = {
        "districts": rows,
        "gini": None,
        "theil": None,
        # Money where no need is recorded, as a share of the money chosen.
        "money_without_need_share": outside,
    }
    if counted and total_money > 0:
        out["gini"] = lorenz_gini([r["money_share"] for r in rows], [r["need_share"] for r in rows])
        # Theil is infinite once money goes where no need is recorded: left undefined then.
        if outside == 0:
            out["theil"] = theil(
                [r["money_share"] for r in counted], [r["need_share"] for r in counted]
            )
    return out


def money_by_district(problem: Problem, selected) -> dict[str, float]:
    chosen = set(selected)
    out: dict[str, float] = {}
    for c in problem.candidates:
        if c.id in chosen:
            key = c.district or c.region
            out[key] = out.get(key, 0.0) + c.cost
    return out


def population_floors(problem: Problem, population: Mapping[str, float], share: float) -> Problem:
    """District floors summing to ``share`` of the budget, in proportion to population (each
    at least the floor it already had)."""
    if not 0 <= share <= 1:
        raise ProblemError("population_floor_share", "must be a number between 0 and 1")
    total = sum(v for v in population.values() if v > 0)
    if total <= 0:
        raise ProblemError("population", "must give at least one district a positive population")
    districts = dict(problem.districts)
    for code, people in population.items():
        if people <= 0:
            continue
        old = districts.get(code, RegionLimit())
        floor = max(old.min_share, share * people / total)
        if floor > old.max_share:
            raise ProblemError(
                f"population.{code}",
                f"its per-capita floor ({floor:.4f}) is above the district's maximum share",
            )
        districts[code] = RegionLimit(floor, old.max_share)
    return replace(problem, districts=districts)


def l1_distance(problem: Problem, selected, need: Mapping[str, float]) -> float:
    """Σ_d |money_d − need share_d × money chosen| (what :func:`allocate_fair` minimises)."""
    money = money_by_district(problem, selected)
    total_need = sum(need.values())
    spent = sum(money.values())
    codes = set(money) | set(need)
    return sum(abs(money.get(c, 0.0) - need.get(c, 0.0) / total_need * spent) for c in codes)


def allocate_fair(
    problem: Problem,
    need: Mapping[str, float],
    *,
    score_slack: float = 0.0,
    time_limit: float = 10.0,
    mip_rel_gap: float = 1e-4,
    base: Allocation | None = None,
) -> Allocation:
    """Lexicographic: the best score first, then the selection closest to need (L1) among
    those keeping every rule and at least (1 − score_slack) of that score."""
    started = time.perf_counter()
    base = base or allocate(problem, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    if not base.selected and base.status in ("infeasible", "no_solution_found"):
        return base
    model = Model(problem)
    total_need = sum(v for v in need.values() if v > 0)
    if total_need <= 0:
        raise ProblemError("need", "must give at least one district a positive need")
    codes = sorted({c.district or c.region for c in problem.candidates} | set(need))
    position = {code: k for k, code in enumerate(codes)}
    place = {c.id: c.district or c.region for c in problem.candidates}
    group = np.array([position[place[cid]] for cid in model.ids], dtype=np.int64)
    share = np.array([max(0.0, need.get(code, 0.0)) / total_need for code in codes])
    D = len(codes)
    matrix, lower, upper, var_lower = model.constraints(None)
    scale = ROW_SCALE / model.budget
    cost = model.cost * scale
    blocks, lows, highs = [], [], []
    if matrix is not None:
        blocks.append(sparse.hstack([matrix, sparse.csr_array((matrix.shape[0], D))]))
        lows.append(lower)
        highs.append(upper)
    floor = base.total_score * (1 - score_slack)
    blocks.append(sparse.csr_array(np.concatenate([model.score, np.zeros(D)])[None, :]))
    lows.append(np.array([floor - 1e-9 * max(1.0, abs(floor))]))
    highs.append(np.array([np.inf]))
    # dev_d >= ±(money_d − share_d × spent), in the scaled money units.
    rows = np.zeros((D, model.n))
    rows[group, np.arange(model.n)] = cost
    rows -= share[:, None] * cost[None, :]
    eye = np.eye(D)
    blocks.append(sparse.csr_array(np.hstack([rows, -eye])))
    blocks.append(sparse.csr_array(np.hstack([-rows, -eye])))
    lows += [np.full(D, -np.inf), np.full(D, -np.inf)]
    highs += [np.zeros(D), np.zeros(D)]
    objective = np.concatenate([np.zeros(model.n), np.ones(D)])
    remaining = max(0.5, time_limit - (time.perf_counter() - started))
    result = milp(
        objective,
        integrality=np.concatenate([np.ones(model.n), np.zeros(D)]),
        bounds=Bounds(
            np.concatenate([var_lower, np.zeros(D)]),
            np.concatenate([np.ones(model.n), np.full(D, np.inf)]),
        ),
        constraints=[
            LinearConstraint(
                sparse.vstack(blocks, format="csr"), np.concatenate(lows), np.concatenate(highs)
            )
        ],
        options={"time_limit": remaining, "mip_rel_gap": mip_rel_gap},
    )
    chosen = np.zeros(model.n, dtype=bool)
    for cid in base.selected:
        chosen[model.index[cid]] = True
    stats: dict[str, float] = {"l1_base": l1_distance(problem, base.selected, need)}
    method = "lexicographic (base answer kept)"
    if result.x is not None:
        candidate = np.asarray(result.x[: model.n]) > 0.5
        if not violations(model, candidate):
            stats["l1_second_objective"] = l1_distance(
                problem, [model.ids[i] for i in np.flatnonzero(candidate)], need
            )
            # Completed as every answer is (what still fits is added): then "left out" never
            # means "it would have fitted"; kept only if still closer to need than the base.
            completed = Greedy(model, candidate).complete()
            candidate = candidate if completed is None else completed
            selected = [model.ids[i] for i in np.flatnonzero(candidate)]
            if (
                float(model.score[candidate].sum()) >= floor - 1e-9 * max(1.0, abs(floor))
                and l1_distance(problem, selected, need) < stats["l1_base"] - 1e-9
            ):
                chosen, method = candidate, "lexicographic"
    stats["seconds"] = time.perf_counter() - started
    fair = build_result(
        model,
        chosen,
        status=base.status if score_slack == 0 else "feasible",
        upper_bound=base.upper_bound,
        method=method,
        stats=stats,
    )
    if fair.total_score < floor - 1e-9 * max(1.0, abs(floor)):  # cannot happen; be safe
        return base
    if score_slack == 0 and fair.gap > mip_rel_gap:
        fair.status = "feasible"
    return fair
