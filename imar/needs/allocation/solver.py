"""The allocator: quick answers first, then the exact solver, always with bound and gap."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from imar.needs.allocation.bound import fix_by_reduced_cost, relaxed_solve
from imar.needs.allocation.conflicts import conflicting_rules, simple_conflicts
from imar.needs.allocation.exact import kernel_bounds, solve_milp
from imar.needs.allocation.explanation import explain as explain_all
from imar.needs.allocation.heuristic import Greedy, round_and_repair
from imar.needs.allocation.model import Model, forced_projects, from_vector, violations
from imar.needs.allocation.problem import Problem
from imar.needs.allocation.result import NO_SOLUTION_FOUND, Allocation, Reason

# Projects left free in the first kernel (at least; a twentieth of them on large instances),
# and the share of the time limit the kernels may use before the whole model gets the rest.
KERNEL_SIZE = 500
KERNEL_TIME_SHARE = 0.3
# Below this many candidates the kernel is not worth it (bench/allocation_family.py): each
# project is a larger part of the budget, the LP bound is looser, and the proof of the gap
# needs the whole model's own bound; there HiGHS is given the whole model at once.
KERNEL_MIN_CANDIDATES = 5000


def build_result(
    model: Model,
    chosen: np.ndarray | None,
    *,
    status: str,
    upper_bound: float,
    method: str,
    stats: dict[str, float],
    conflicts: list[Reason] | None = None,
    explain: bool = True,
) -> Allocation:
    if chosen is None:
        return Allocation(
            status=status,
            selected=(),
            total_cost=0.0,
            total_score=0.0,
            upper_bound=upper_bound,
            gap=1.0 if upper_bound > 0 else 0.0,
            conflicts=conflicts or [],
            method=method,
            currency=model.problem.currency,
            stats=stats,
        )
    # Add any project that still fits every rule and adds score (a solver stopped within its
    # tolerance may leave one out): then "left out" never means "it would have fitted".
    completed = Greedy(model, chosen).complete()
    chosen = chosen if completed is None else completed
    total_cost, total_score, _, _ = model.totals(chosen)
    bound = max(upper_bound, total_score)  # a bound below the achieved score is just rounding
    gap = (bound - total_score) / bound if bound > 0 else 0.0
    return Allocation(
        status=status,
        selected=tuple(model.ids[i] for i in np.flatnonzero(chosen)),
        total_cost=total_cost,
        total_score=total_score,
        upper_bound=bound,
        gap=gap,
        conflicts=conflicts or [],
        explanations=explain_all(model, chosen) if explain else {},
        method=method,
        currency=model.problem.currency,
        stats=stats,
    )


def greedy_allocation(problem: Problem, *, explain: bool = True) -> Allocation:
    """Baseline: mandatory projects, then regional floors, then best score per dinar.

    Respects every rule a greedy pass can (caps, requires, excludes); reports no bound.
    """
    start = time.perf_counter()
    model = Model(problem)
    forced, _ = forced_projects(model)
    greedy = Greedy(model, np.zeros(model.n, dtype=bool))
    ok = all(greedy.try_add(int(i)) or greedy.chosen[i] for i in np.flatnonzero(forced))
    chosen = greedy.complete() if ok else None
    stats = {"seconds": time.perf_counter() - start}
    conflicts = [] if chosen is not None else [Reason("greedy_failed")]
    return build_result(
        model,
        chosen,
        status="feasible" if chosen is not None else NO_SOLUTION_FOUND,
        upper_bound=math.nan,
        method="greedy",
        stats=stats,
        conflicts=conflicts,
        explain=explain,
    )


def allocate(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    mip_rel_gap: float = 1e-4,
    explain: bool = True,
    on_first_answer: Callable[[Allocation], None] | None = None,
) -> Allocation:
    """Best selection under all rules.

    1. Simple conflicts are checked directly (no solver needed).
    2. The LP relaxation gives the upper bound; rounding it down and repairing greedily (or
       the plain greedy, if better) gives a fast first answer (passed to ``on_first_answer``).
    3. Unless that answer is already within ``mip_rel_gap`` of the bound, a small MILP over
       the projects nearest the LP's margin (the rest fixed at their LP value) improves it,
       within a share of ``time_limit``.
    4. If still not within ``mip_rel_gap``, the whole model goes to HiGHS for the time left,
       with reduced-cost fixing against the best answer so far (which never cuts off a better
       answer): on the hard instances this is plain HiGHS, started a little later.
    ``time_limit=0`` stops after step 2. The best answer found is returned with its gap.
    Status "optimal" means proven optimal within ``mip_rel_gap``; "no_solution_found" that
    no answer was found in time, without a proof that none exists.
    """
    started = time.perf_counter()
    model = Model(problem)
    stats: dict[str, float] = {}

    def elapsed() -> float:
        return time.perf_counter() - started

    conflicts = simple_conflicts(model)
    if conflicts:
        stats["seconds"] = elapsed()
        return build_result(
            model,
            None,
            status="infeasible",
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=conflicts,
        )

    if model.n == 0:
        stats["seconds"] = elapsed()
        return build_result(
            model,
            np.zeros(0, dtype=bool),
            status="optimal",
            upper_bound=0.0,
            method="",
            stats=stats,
            explain=explain,
        )
    relaxed = relaxed_solve(model, None)
    stats["lp_seconds"] = elapsed()
    if relaxed.status == 2:
        reason = conflicting_rules(model, time_limit=max(time_limit, 5.0))
        stats["seconds"] = elapsed()
        return build_result(
            model,
            None,
            status="infeasible",
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=[reason],
        )
    if relaxed.status != 0:
        raise RuntimeError(f"LP relaxation failed: {relaxed.message}")
    upper_bound = float(-relaxed.fun)
    stats["lp_bound"] = upper_bound

    best = round_and_repair(model, np.asarray(relaxed.x))
    stats["rounding_seconds"] = elapsed()
    method = "lp_rounding" if best is not None else ""

    def score_of(chosen: np.ndarray | None) -> float:
        return -math.inf if chosen is None else float(model.score[chosen].sum())

    def gap_of(chosen: np.ndarray | None) -> float:
        if chosen is None:
            return math.inf
        return (upper_bound - score_of(chosen)) / upper_bound if upper_bound > 0 else 0.0

    if best is not None:
        stats["rounding_score"] = score_of(best)
        stats["rounding_gap"] = gap_of(best)
        if on_first_answer is not None:
            on_first_answer(
                build_result(
                    model,
                    best,
                    status="feasible",
                    upper_bound=upper_bound,
                    method=method,
                    stats=dict(stats),
                    explain=False,
                )
            )

    def accept(result: Any, how: str) -> None:
        nonlocal best, method
        if result.x is None:
            return
        candidate = from_vector(result.x)
        # HiGHS keeps rules to its own tolerance; an answer off by more than ours is dropped.
        if not violations(model, candidate) and score_of(candidate) > score_of(best):
            best, method = candidate, how

    status = "feasible"
    _, _, _, var_lower = model.constraints(None)
    # Kernels of growing size while each is solved well inside its share of the time.
    kernel_size = max(KERNEL_SIZE, model.n // 20)
    kernel_start = time.perf_counter()
    while (
        time_limit > 0
        and gap_of(best) > mip_rel_gap
        and model.n >= KERNEL_MIN_CANDIDATES
        and kernel_size < model.n
    ):
        lower, upper = kernel_bounds(model, relaxed, kernel_size)
        share = min(KERNEL_TIME_SHARE * time_limit, time_limit - elapsed())
        if share <= 0:
            break
        result = solve_milp(model, lower, upper, time_limit=share, gap=mip_rel_gap / 4)
        accept(result, "milp_kernel")
        stats["kernel_seconds"] = time.perf_counter() - kernel_start
        stats["kernel_gap"] = gap_of(best)
        stats["kernel_size"] = float(kernel_size)
        if (
            result.status != 0
            or time.perf_counter() - kernel_start > KERNEL_TIME_SHARE * time_limit
        ):
            break  # the kernel itself is hard: leave the rest of the time to the whole model
        kernel_size *= 4

    remaining = time_limit - elapsed()
    if time_limit > 0 and remaining > 0 and gap_of(best) > mip_rel_gap:
        var_upper = np.ones(model.n)
        lower = var_lower.copy()
        incumbent = score_of(best) if best is not None else None
        if incumbent is not None:
            at_zero, at_one = fix_by_reduced_cost(relaxed, upper_bound, incumbent)
            var_upper[at_zero] = 0.0
            lower = np.where(at_one, 1.0, lower)
            stats["fixed_by_reduced_cost"] = float(at_zero.sum() + at_one.sum())
        milp_start = time.perf_counter()
        result = solve_milp(model, lower, var_upper, time_limit=remaining, gap=mip_rel_gap)
        stats["milp_seconds"] = time.perf_counter() - milp_start
        if result.status == 2 and incumbent is None:
            # Nothing was fixed: HiGHS proved the whole model infeasible.
            reason = conflicting_rules(model, time_limit=max(time_limit, 5.0))
            stats["seconds"] = elapsed()
            return build_result(
                model,
                None,
                status="infeasible",
                upper_bound=upper_bound,
                method="",
                stats=stats,
                conflicts=[reason],
            )
        if result.status == 2:
            # Nothing better than the incumbent exists among the projects left free.
            upper_bound, status = float(incumbent), "optimal"
        dual = getattr(result, "mip_dual_bound", None)
        if result.status != 2 and dual is not None and math.isfinite(dual):
            # With fixing, the MILP bound covers only answers better than the incumbent.
            reduced_bound = float(-dual)
            if incumbent is not None:
                reduced_bound = max(reduced_bound, float(incumbent))
            upper_bound = min(upper_bound, reduced_bound)
        accept(result, "milp")
    if best is None:
        # Not proven impossible: say so, never "infeasible".
        stats["seconds"] = elapsed()
        return build_result(
            model,
            None,
            status=NO_SOLUTION_FOUND,
            upper_bound=upper_bound,
            method="",
            stats=stats,
            conflicts=[Reason("not_found", {"time_limit": time_limit})],
        )
    achieved = score_of(best)
    if upper_bound <= achieved or (upper_bound - achieved) / upper_bound <= mip_rel_gap:
        status = "optimal"
    stats["seconds"] = elapsed()
    return build_result(
        model,
        best,
        status=status,
        upper_bound=upper_bound,
        method=method,
        stats=stats,
        explain=explain,
    )
