"""Benchmark: needs scoring and budget allocation.

    .venv/bin/python -m bench.allocation [--quick] [--seed N]

Allocation on realistic seeded instances (22 district floors and ceilings, 8 sector caps,
mandatory / requires / excludes rules): time and gap of the quick LP-rounding answer, of the
full pipeline (MILP only when the quick answer is not yet within 0.01 %), and of the exact
MILP pushed to a 1e-6 gap; compared with the greedy "best score per dinar" under the same
rules. Scoring: 100,000 projects x 6 criteria, weighted sum and TOPSIS, against a plain
Python loop (timed on a slice and scaled).
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from bench.needs_data import allocation_problem, scoring_matrix
from imar.needs.allocation import Problem, allocate, check_selection, greedy_allocation
from imar.needs.scoring import Method, ScoringModel, default_criteria, score_projects


def _pct(value: float) -> str:
    return f"{value * 100:.4f}%"


def bench_allocation(n: int, *, seed: int, time_limit: float) -> None:
    problem: Problem = allocation_problem(n, seed=seed)
    floors = sum(1 for r in problem.regions.values() if r.min_share > 0)
    print(
        f"\n## {n:,} candidates, budget {problem.budget:,.0f} LYD, {floors} district floors "
        f"and ceilings, {len(problem.sector_max_shares)} sector caps, "
        f"{sum(c.mandatory for c in problem.candidates)} mandatory, "
        f"{sum(len(c.requires) for c in problem.candidates)} requires, "
        f"{sum(len(c.excludes) for c in problem.candidates)} excludes"
    )

    first: dict[str, float] = {}
    start = time.perf_counter()

    def on_first(answer) -> None:
        first.update(seconds=time.perf_counter() - start, score=answer.total_score, gap=answer.gap)

    full = allocate(problem, time_limit=time_limit, on_first_answer=on_first)
    full_seconds = time.perf_counter() - start
    assert not check_selection(problem, full.selected), "infeasible answer"

    start = time.perf_counter()
    exact = allocate(problem, time_limit=time_limit, mip_rel_gap=1e-6, explain=False)
    exact_seconds = time.perf_counter() - start
    assert not check_selection(problem, exact.selected), "infeasible answer"

    start = time.perf_counter()
    greedy = greedy_allocation(problem, explain=False)
    greedy_seconds = time.perf_counter() - start

    bound = min(full.upper_bound, exact.upper_bound)
    print(
        f"LP-rounding answer : {first['seconds']:7.2f} s  gap {_pct(first['gap'])} "
        f"(LP solve {full.stats['lp_seconds']:.2f} s)"
    )
    print(
        f"full pipeline      : {full_seconds:7.2f} s  gap {_pct(full.gap)}  status "
        f"{full.status}, answer from {full.method}, MILP "
        f"{'run' if 'milp_seconds' in full.stats else 'not needed'}, "
        f"explanations for all {n:,}"
    )
    print(
        f"MILP to 1e-6 gap   : {exact_seconds:7.2f} s  gap {_pct(exact.gap)}  status "
        f"{exact.status}, MILP {exact.stats.get('milp_seconds', math.nan):.2f} s"
    )
    if greedy.status == "feasible":
        best = max(full.total_score, exact.total_score)
        print(
            f"greedy per dinar   : {greedy_seconds:7.2f} s  gap "
            f"{_pct((bound - greedy.total_score) / bound)}  ours/greedy = "
            f"{best / greedy.total_score:.4f}"
        )
    else:
        print(f"greedy per dinar   : {greedy_seconds:7.2f} s  failed to meet every rule")


def bench_scoring(n: int, *, seed: int) -> None:
    matrix = scoring_matrix(n, seed=seed)
    ids = [f"P{k:06d}" for k in range(n)]
    print(f"\n## scoring {n:,} projects x {matrix.shape[1]} criteria")
    for method in Method:
        model = ScoringModel(default_criteria(), method)
        score_projects(model, matrix[:1000], ids[:1000])  # warm up
        start = time.perf_counter()
        score_projects(model, matrix, ids)
        ours = time.perf_counter() - start
        # Baseline: the same weighted sum as a plain Python loop over rows, on a slice.
        sample = min(n, 10_000)
        lo, hi = matrix.min(axis=0).tolist(), matrix.max(axis=0).tolist()
        weights = model.weights.tolist()
        start = time.perf_counter()
        for row in matrix[:sample].tolist():
            sum(w * (v - a) / (b - a) for w, v, a, b in zip(weights, row, lo, hi, strict=True))
        loop = (time.perf_counter() - start) * n / sample
        start = time.perf_counter()
        np.sum(matrix, axis=1)
        raw = time.perf_counter() - start
        print(
            f"{method:<13}: {ours * 1000:7.1f} ms   python loop (scaled) {loop * 1000:7.0f} ms "
            f"(x{loop / ours:.0f} slower)   numpy row sum of raw matrix {raw * 1000:.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1].strip())
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    sizes = [(2_000, 10.0)] if args.quick else [(10_000, 10.0), (50_000, 30.0)]
    print("# Needs scoring and allocation benchmark" + (" (quick)" if args.quick else ""))
    for n, limit in sizes:
        bench_allocation(n, seed=args.seed, time_limit=limit)
    bench_scoring(10_000 if args.quick else 100_000, seed=args.seed)


if __name__ == "__main__":
    main()
