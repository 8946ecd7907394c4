"""Benchmark family for the allocator: hard instances, ours against plain HiGHS and greedy.

    .venv/bin/python -m bench.allocation_family [--quick] [--sizes 10000,50000] [--seed N]
        [--only KIND,...]

Instances are generated here, reproducibly by seed, independently of ``bench/needs_data.py``
(candidates are spread over districts differently from need, so need-based floors bind):

- ``tight_floors``: district floors at 0.9x each district's need share, ceilings at 1.5x,
  eight sector caps at 35%;
- ``near_need``: floors at 0.98x the need share, ceilings at 1.15x, sector caps at 20%: the
  floors and caps that make a feasible answer hard to find;
- ``mandatory``: 5% of candidates mandatory, tight floors;
- ``chains``: requires chains of three to five phases and excludes pairs (8% of candidates);
- ``tight_budget``: the mandatory projects and floors use about 97% of the budget;
- ``two_levels``: floors and ceilings on the three regions (0.95x and 1.1x their need share)
  and on the 22 districts inside them (0.8x and 1.5x) at once.

For each instance, in one run and on the same machine: ``allocate()`` with its default time
limit (wall and CPU time, gap, status), ``allocate()`` asked for a 1e-4 gap, the whole model
handed as-is to ``scipy.optimize.milp`` (HiGHS) with ``mip_rel_gap=1e-4`` (model built here,
independently of the allocator's, in budget shares as a planner would write it), and the
greedy baseline. ``allocate()`` is rerun with a long limit only when the default one did not
reach 1e-4. Times are wall / CPU seconds of this process. Every answer is checked against
the rules by ``check_selection``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.needs.allocation import (
    Candidate,
    Problem,
    RegionLimit,
    allocate,
    check_selection,
    greedy_allocation,
)

# District -> (region, relative need); the storm-hit East needs most.
DISTRICTS = {
    "DRN": ("East", 10.0),
    "JAK": ("East", 6.0),
    "BTN": ("East", 3.0),
    "MRJ": ("East", 4.0),
    "BEN": ("East", 4.0),
    "WAH": ("East", 1.2),
    "KUF": ("East", 1.0),
    "TRP": ("West", 3.0),
    "JFR": ("West", 1.5),
    "ZAW": ("West", 1.5),
    "NKH": ("West", 1.0),
    "MRQ": ("West", 1.2),
    "MSR": ("West", 1.5),
    "JBG": ("West", 1.2),
    "NLT": ("West", 0.8),
    "SRT": ("West", 1.5),
    "SBH": ("South", 1.2),
    "WSH": ("South", 0.7),
    "WHY": ("South", 0.6),
    "GHT": ("South", 0.5),
    "MRZ": ("South", 0.8),
    "JFA": ("South", 0.6),
}
SECTORS = ("housing", "water", "sanitation", "health", "education", "roads", "power", "ict")
KINDS = ("tight_floors", "near_need", "mandatory", "chains", "tight_budget", "two_levels")


def family_problem(kind: str, n: int, *, seed: int = 17) -> Problem:
    """One instance of the family ``kind`` with ``n`` candidates (same seed, same instance)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    rng = np.random.default_rng([seed, n, KINDS.index(kind)])
    codes = list(DISTRICTS)
    need = np.array([DISTRICTS[c][1] for c in codes])
    need_share = need / need.sum()
    # Where projects are proposed is flatter than where need is: floors bind.
    proposal = need_share**0.5
    district = rng.choice(len(codes), size=n, p=proposal / proposal.sum())
    sector = rng.choice(len(SECTORS), size=n)
    cost = np.round(np.clip(rng.lognormal(np.log(2e6), 1.0, size=n), 5e4, 1e8), -3)
    score = np.round(rng.gamma(2.0, 1.0, size=n) * (cost / 2e6) ** 0.6, 6)
    mandatory = np.zeros(n, dtype=bool)
    share_mandatory = 0.05 if kind == "mandatory" else 0.005
    mandatory[rng.choice(n, size=max(1, int(n * share_mandatory)), replace=False)] = True
    requires: list[list[int]] = [[] for _ in range(n)]
    excludes: list[list[int]] = [[] for _ in range(n)]
    linked = 0.08 if kind == "chains" else 0.01
    order = rng.permutation(n)
    pos = 0
    while pos < int(n * linked):  # requires chains within a district: phase k needs k-1
        length = int(rng.integers(3, 6)) if kind == "chains" else 2
        head = int(order[pos])
        same = np.flatnonzero(district == district[head])
        chain = [head, *rng.choice(same, size=length - 1).tolist()]
        for a, b in zip(chain[1:], chain[:-1], strict=True):
            if a != b and not mandatory[a] and b not in requires[a]:
                requires[a].append(int(b))
        pos += length
    for a in order[pos : pos + int(n * linked)]:  # alternative designs: not both
        b = int(rng.integers(n))
        if b != a and not (mandatory[a] or mandatory[b]) and b not in excludes[a]:
            excludes[int(a)].append(b)
    total = float(cost.sum())
    floor_factor, ceiling_factor, budget_share = 0.9, 1.5, 0.3
    if kind == "near_need":
        floor_factor, ceiling_factor = 0.98, 1.15
    budget = round(total * budget_share, -3)
    if kind == "tight_budget":
        # The floors add up to 97% of a small budget, that the mandatory projects eat into.
        budget = round(total * 0.12, -3)
        floor_factor, ceiling_factor = 0.97, 1.2
    available = np.bincount(district, cost, minlength=len(codes))
    if kind == "two_levels":
        floor_factor = 0.8
    regions = {}
    for k, code in enumerate(codes):
        low = min(floor_factor * need_share[k], 0.9 * available[k] / budget)
        high = min(1.0, max(ceiling_factor * need_share[k], low + 0.01))
        regions[code] = RegionLimit(round(low, 4), round(high, 4))
    districts: dict[str, RegionLimit] = {}
    if kind == "two_levels":
        districts, regions = regions, {}
        for area in ("East", "West", "South"):
            share = sum(need_share[k] for k, c in enumerate(codes) if DISTRICTS[c][0] == area)
            regions[area] = RegionLimit(round(0.95 * share, 4), round(min(1.0, 1.1 * share), 4))
    sectors = dict.fromkeys(SECTORS, 0.35)
    if kind == "near_need":
        sectors = dict.fromkeys(SECTORS, 0.2)
    ids = [f"Q{k:06d}" for k in range(n)]
    two = kind == "two_levels"
    candidates = tuple(
        Candidate(
            ids[k],
            float(cost[k]),
            float(score[k]),
            DISTRICTS[codes[district[k]]][0] if two else codes[district[k]],
            SECTORS[sector[k]],
            bool(mandatory[k]),
            tuple(ids[j] for j in requires[k]),
            tuple(ids[j] for j in excludes[k]),
            district=codes[district[k]] if two else "",
        )
        for k in range(n)
    )
    return Problem(budget, candidates, regions, sectors, "LYD", districts)


def plain_highs(problem: Problem, *, gap: float, time_limit: float) -> tuple[list[str], dict]:
    """The whole model as-is to ``scipy.optimize.milp``: no front end, no fixing."""
    cands = problem.candidates
    n = len(cands)
    index = {c.id: k for k, c in enumerate(cands)}
    cost = np.array([c.cost for c in cands]) / problem.budget
    rows, cols, vals, lo, hi = [], [], [], [], []

    def row(members, coefficients, low, high):
        rows.extend([len(lo)] * len(members))
        cols.extend(members)
        vals.extend(coefficients)
        lo.append(low)
        hi.append(high)

    row(range(n), cost, -np.inf, 1.0)
    for code, limit in problem.regions.items():
        members = [k for k, c in enumerate(cands) if c.region == code]
        row(members, cost[members], limit.min_share, limit.max_share)
    for code, limit in problem.districts.items():
        members = [k for k, c in enumerate(cands) if c.district == code]
        row(members, cost[members], limit.min_share, limit.max_share)
    for code, share in problem.sector_max_shares.items():
        members = [k for k, c in enumerate(cands) if c.sector == code]
        row(members, cost[members], -np.inf, share)
    for k, c in enumerate(cands):
        for other in c.requires:
            row([k, index[other]], [1.0, -1.0], -np.inf, 0.0)
        for other in c.excludes:
            row([k, index[other]], [1.0, 1.0], -np.inf, 1.0)
    matrix = sparse.csr_array((vals, (rows, cols)), shape=(len(lo), n))
    lower = np.array([1.0 if c.mandatory else 0.0 for c in cands])
    wall, cpu = time.perf_counter(), time.process_time()
    result = milp(
        -np.array([c.score for c in cands]),
        integrality=np.ones(n),
        bounds=Bounds(lower, np.ones(n)),
        constraints=[LinearConstraint(matrix, np.array(lo), np.array(hi))],
        options={"mip_rel_gap": gap, "time_limit": time_limit, "disp": False},
    )
    stats = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    if result.x is None:
        return [], stats | {"status": result.message, "score": float("nan"), "gap": 1.0}
    chosen = [c.id for c, v in zip(cands, result.x, strict=True) if v > 0.5]
    score = float(sum(c.score for c in cands if c.id in set(chosen)))
    bound = -float(result.mip_dual_bound)
    return chosen, stats | {
        "status": "optimal" if result.status == 0 else "time limit",
        "score": score,
        "gap": (bound - score) / bound if bound > 0 else 0.0,
    }


def _timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    answer = function(*args, **kwargs)
    return answer, time.perf_counter() - wall, time.process_time() - cpu


def _pct(value: float) -> str:
    return f"{value * 100:.4f}%"


def run(kind: str, n: int, *, seed: int, default_limit: float, long_limit: float) -> dict:
    problem = family_problem(kind, n, seed=seed)
    ours, ours_wall, ours_cpu = _timed(allocate, problem, time_limit=default_limit)
    assert not check_selection(problem, ours.selected), f"{kind}: infeasible answer"
    if ours.status == "optimal":  # the default tolerance is 1e-4: this is our time to 1e-4
        exact, exact_wall, exact_cpu = ours, ours_wall, ours_cpu
    else:
        exact, exact_wall, exact_cpu = _timed(
            allocate, problem, time_limit=long_limit, mip_rel_gap=1e-4, explain=False
        )
        assert not check_selection(problem, exact.selected), f"{kind}: infeasible answer"
    chosen, plain = plain_highs(problem, gap=1e-4, time_limit=long_limit)
    assert not chosen or not check_selection(problem, chosen), f"{kind}: plain HiGHS broke a rule"
    greedy, greedy_wall, _ = _timed(greedy_allocation, problem, explain=False)
    bound = min(ours.upper_bound, exact.upper_bound)
    greedy_text = (
        f"{greedy_wall:.2f} s, gap {_pct((bound - greedy.total_score) / bound)}"
        if greedy.status == "feasible"
        else f"{greedy_wall:.2f} s, no selection keeping every rule"
    )
    row = {
        "kind": kind,
        "n": n,
        "default": f"{ours_wall:.1f} s / {ours_cpu:.1f} s, gap {_pct(ours.gap)} ({ours.method})",
        "to_1e-4": f"{exact_wall:.1f} s / {exact_cpu:.1f} s, gap {_pct(exact.gap)}",
        "plain": f"{plain['wall']:.1f} s / {plain['cpu']:.1f} s, gap {_pct(plain['gap'])}"
        + ("" if plain["status"] == "optimal" else f" ({plain['status']})"),
        "greedy": greedy_text,
    }
    print(
        f"| {kind} | {n:,} | {row['default']} | {row['to_1e-4']} | {row['plain']} | "
        f"{row['greedy']} |",
        flush=True,
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 candidates only")
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--only", default=",".join(KINDS))
    args = parser.parse_args()
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    print(
        "| family | candidates | `allocate()`, default limit (wall / CPU) | `allocate()` to "
        "1e-4 | plain `milp` to 1e-4 | greedy |\n|---|---|---|---|---|---|"
    )
    for n in sizes:
        default_limit = 10.0 if n <= 10_000 else 30.0
        for kind in args.only.split(","):
            long_limit = 120.0 if n <= 10_000 else 300.0
            run(kind, n, seed=args.seed, default_limit=default_limit, long_limit=long_limit)


if __name__ == "__main__":
    main()
