"""Benchmark for what planners reach for next: multi-year plans and the fairness objective.

    .venv/bin/python -m bench.allocation_planning [--quick] [--sizes 1000,5000] [--seed N]

Instances are generated here, reproducibly by seed (districts and need from
``bench/allocation_family.py``).

- ``multiyear``: a five-year plan; each candidate costs 1 to 4 years (log-normal total, split
  unevenly over its years), a quarter of them may not start before the plan's third year;
  yearly budgets add up to 35% of all that is asked, front-loaded less than the demand, so
  carry-over matters. Measured in one run: ``allocate_years`` with carry-over (greedy and the
  LP-guided greedy first, LP bound, HiGHS on the (project, start year) model only if the gap
  is still above 1e-4); the plain greedy alone (earliest start that fits, best score per
  dinar first); and ``allocate_years`` without carry-over.
- ``equity``: the ``tight_floors`` family instance at the same size; ``allocate`` then
  ``allocate_fair`` (lexicographic, score slack 0 and 2%; its second stage is one HiGHS
  MILP without a warm start), with the Gini and Theil of
  allocation / need before and after, and the time of the second stage.

Times are wall / CPU seconds of this process; every answer is checked against its rules.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.allocation_family import DISTRICTS, family_problem
from imar.needs.allocation import allocate, check_selection
from imar.needs.allocation.equity import (
    allocate_fair,
    district_equity,
    money_by_district,
)
from imar.needs.allocation.multiyear import (
    MultiYearProblem,
    YearCandidate,
    YearModel,
    allocate_years,
)
from imar.needs.allocation.multiyear.solve import greedy_years

YEARS = (2027, 2028, 2029, 2030, 2031)


def multiyear_problem(n: int, *, seed: int = 17, carry_over: bool = True) -> MultiYearProblem:
    rng = np.random.default_rng([seed, n, 99])
    candidates = []
    demand = np.zeros(len(YEARS))
    for k in range(n):
        length = int(rng.integers(1, 5))
        total = float(np.round(np.clip(rng.lognormal(np.log(2e6), 1.0), 5e4, 1e8), -3))
        weights = rng.dirichlet(np.ones(length) * 2)
        costs = tuple(float(round(total * w, -2)) for w in weights)
        earliest = YEARS[2] if rng.random() < 0.25 else None
        score = float(np.round(rng.gamma(2.0, 1.0) * (total / 2e6) ** 0.6, 6))
        start = 0 if earliest is None else 2
        demand[start : start + length] += costs[: len(YEARS) - start]
        candidates.append(
            YearCandidate(
                id=f"M{k:06d}",
                costs=costs,
                score=score,
                earliest_start=earliest,
                mandatory=bool(rng.random() < 0.005 and length <= 2),
            )
        )
    # 35% of the demand in all, spread flatter than the demand (which is front-loaded).
    total_budget = 0.35 * float(demand.sum())
    shape = np.array([0.12, 0.18, 0.22, 0.24, 0.24])
    budgets = tuple(float(round(total_budget * s, -3)) for s in shape)
    return MultiYearProblem(YEARS, budgets, tuple(candidates), carry_over)


def _timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    out = function(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def _pct(value: float) -> str:
    return f"{value * 100:.4f}%"


def run_multiyear(n: int, seed: int, limit: float) -> list[str]:
    rows = []
    problem = multiyear_problem(n, seed=seed)
    result, wall, cpu = _timed(allocate_years, problem, time_limit=limit)
    model = YearModel(problem)
    chosen = {model.index[c]: YEARS.index(y) for c, y in result.starts.items()}
    assert not model.violations(chosen), model.violations(chosen)[:3]
    rows.append(
        f"| multiyear, carry-over | {n:,} | {wall:.2f} s / {cpu:.2f} s | {result.status}, "
        f"gap {_pct(result.gap)} ({result.method}) | {len(result.starts):,} |"
    )
    greedy, wall, cpu = _timed(greedy_years, model)
    score = sum(model.candidates[i].score for i in greedy)
    gap = (result.upper_bound - score) / result.upper_bound
    rows.append(
        f"| multiyear, greedy only | {n:,} | {wall:.2f} s / {cpu:.2f} s | gap {_pct(gap)} "
        f"against the bound above | {len(greedy):,} |"
    )
    strict = multiyear_problem(n, seed=seed, carry_over=False)
    no_carry, wall, cpu = _timed(allocate_years, strict, time_limit=limit)
    rows.append(
        f"| multiyear, no carry-over | {n:,} | {wall:.2f} s / {cpu:.2f} s | {no_carry.status}, "
        f"gap {_pct(no_carry.gap)}; score {no_carry.total_score / result.total_score:.4f}× "
        f"the carry-over plan's | {len(no_carry.starts):,} |"
    )
    return rows


def multiyear_rules_problem(n: int, *, seed: int = 17) -> MultiYearProblem:
    """The ``multiyear`` plan with each candidate in a district (weighted as in
    ``allocation_family``), district floors at 0.8x each district's share of the demand,
    region ceilings at 1.3x theirs (both as shares of the plan's whole budget, all years)."""
    from dataclasses import replace

    base = multiyear_problem(n, seed=seed)
    rng = np.random.default_rng([seed, n, 7])
    codes = sorted(DISTRICTS)
    weights = np.array([DISTRICTS[c][1] for c in codes])
    picks = rng.choice(len(codes), size=n, p=weights / weights.sum())
    candidates = tuple(
        replace(c, district=codes[k], region=DISTRICTS[codes[k]][0])
        for c, k in zip(base.candidates, picks, strict=True)
    )
    demand = sum(c.total_cost for c in candidates)
    by_district: dict[str, float] = {}
    by_region: dict[str, float] = {}
    for c in candidates:
        by_district[c.district] = by_district.get(c.district, 0.0) + c.total_cost
        by_region[c.region] = by_region.get(c.region, 0.0) + c.total_cost
    # The plan's budget is 35% of the demand: a district's fair share of the plan is its share
    # of the demand; the floor asks for 0.8x that.
    from imar.needs.allocation import RegionLimit

    districts = {d: RegionLimit(min_share=0.8 * v / demand) for d, v in by_district.items()}
    regions = {r: RegionLimit(max_share=min(1.0, 1.3 * v / demand)) for r, v in by_region.items()}
    return replace(base, candidates=candidates, districts=districts, regions=regions)


def run_multiyear_rules(n: int, seed: int, limit: float) -> list[str]:
    """Ours, plain HiGHS on the same (project, start year) model to the same 1e-4, greedy."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    rows = []
    problem = multiyear_rules_problem(n, seed=seed)
    result, wall, cpu = _timed(allocate_years, problem, time_limit=limit)
    model = YearModel(problem)
    chosen = {model.index[c]: YEARS.index(y) for c, y in result.starts.items()}
    assert not result.starts or not model.violations(chosen), model.violations(chosen)[:3]
    rows.append(
        f"| multiyear + district floors + region ceilings | {n:,} | {wall:.2f} s / {cpu:.2f} s "
        f"| {result.status}, gap {_pct(result.gap)} ({result.method}) | {len(result.starts):,} |"
    )
    matrix, lower, upper = model.milp_rows()
    k = len(model.options)
    plain, wall, cpu = _timed(
        milp,
        -model.option_score,
        integrality=np.ones(k),
        bounds=Bounds(np.zeros(k), np.ones(k)),
        constraints=[LinearConstraint(matrix, lower, upper)],
        options={"time_limit": limit, "mip_rel_gap": 1e-4},
    )
    if plain.x is not None:
        score = float(-plain.fun)
        rows.append(
            f"| same, plain scipy.optimize.milp | {n:,} | {wall:.2f} s / {cpu:.2f} s | "
            f"score {score / max(result.total_score, 1e-9):.4f}x ours, status {plain.status} "
            f"| {int(round(plain.x.sum())):,} |"
        )
    else:
        rows.append(f"| same, plain scipy.optimize.milp | {n:,} | {wall:.2f} s | no answer | |")
    greedy, wall, cpu = _timed(greedy_years, model)
    if greedy is None:
        rows.append(
            f"| same, greedy only | {n:,} | {wall:.2f} s / {cpu:.2f} s | breaks a floor: "
            f"no answer | |"
        )
    else:
        score = sum(model.candidates[i].score for i in greedy)
        gap = (result.upper_bound - score) / result.upper_bound
        rows.append(
            f"| same, greedy only | {n:,} | {wall:.2f} s / {cpu:.2f} s | gap {_pct(gap)} "
            f"against the bound above | {len(greedy):,} |"
        )
    return rows


def run_equity(n: int, seed: int, limit: float) -> list[str]:
    rows = []
    problem = family_problem("tight_floors", n, seed=seed)
    need = {code: weight for code, (_region, weight) in DISTRICTS.items()}
    base, wall, cpu = _timed(allocate, problem, time_limit=limit, explain=False)
    assert not check_selection(problem, base.selected)
    before = district_equity(money_by_district(problem, base.selected), need)
    rows.append(
        f"| equity, score only | {n:,} | {wall:.2f} s / {cpu:.2f} s | score {base.total_score:.2f}, "
        f"Gini {before['gini']:.4f}, Theil {before['theil']:.4f} | {base.status} |"
    )
    for slack in (0.0, 0.02):
        fair, wall, cpu = _timed(
            allocate_fair, problem, need, score_slack=slack, time_limit=limit, base=base
        )
        assert not check_selection(problem, fair.selected)
        after = district_equity(money_by_district(problem, fair.selected), need)
        rows.append(
            f"| equity, lexicographic, slack {slack:.0%} | {n:,} | {wall:.2f} s / {cpu:.2f} s "
            f"(second stage) | score {fair.total_score:.2f} "
            f"({fair.total_score / base.total_score:.4f}×), Gini {after['gini']:.4f}, "
            f"Theil {after['theil']:.4f} | {fair.method} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 candidates only")
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--time-limit", type=float, default=30.0, help="seconds per solve (wall; default 30)"
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="only the plan with floors and ceilings"
    )
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    print("| family | candidates | wall / CPU | answer | chosen / status |")
    print("|---|---|---|---|---|")
    for n in sizes:
        for line in run_multiyear_rules(n, args.seed, args.time_limit):
            print(line, flush=True)
        if args.rules_only:
            continue
        for line in run_multiyear(n, args.seed, args.time_limit) + run_equity(
            n, args.seed, args.time_limit
        ):
            print(line, flush=True)


if __name__ == "__main__":
    main()
