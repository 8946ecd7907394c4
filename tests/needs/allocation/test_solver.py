"""The allocator's answers: optimal against brute force, quick answers, time limits."""

import random
import time
from itertools import combinations

import pytest

from imar.needs.allocation import (
    Problem,
    allocate,
    check_selection,
    greedy_allocation,
)
from tests.needs.allocation.helpers import (
    brute_force,
    cand,
    independent_violations,
    make_problem,
    needs_the_exact_solver,
    random_problem,
    worded,
)


def test_optimal_against_brute_force_and_always_feasible():
    rng = random.Random(20261122)
    seen = {"optimal": 0, "infeasible": 0}
    for _ in range(70):
        problem = random_problem(rng, rng.randint(3, 13))
        best = brute_force(problem)
        result = allocate(problem, time_limit=5, mip_rel_gap=0)
        if best is None:
            assert result.status == "infeasible"
            assert result.conflicts and all(worded(c) for c in result.conflicts)
            assert result.selected == ()
            seen["infeasible"] += 1
            continue
        assert result.status == "optimal", result.conflicts
        assert independent_violations(problem, result.selected) == []
        assert check_selection(problem, result.selected) == []
        assert result.total_score == pytest.approx(best, abs=1e-9)
        assert result.upper_bound >= best - 1e-9
        assert result.gap == pytest.approx(0.0, abs=1e-9)
        assert set(result.explanations) == {c.id for c in problem.candidates}
        # The quick answer alone is feasible too, and the greedy never beats the optimum.
        quick = allocate(problem, time_limit=0, explain=False)
        assert quick.status != "infeasible"  # only proven impossibility is called that
        if quick.status != "no_solution_found":
            assert independent_violations(problem, quick.selected) == []
            assert quick.total_score <= best + 1e-9
            assert quick.upper_bound >= best - 1e-9
        greedy = greedy_allocation(problem, explain=False)
        if greedy.status == "feasible":
            assert independent_violations(problem, greedy.selected) == []
            assert greedy.total_score <= best + 1e-9
        seen["optimal"] += 1
    assert seen["optimal"] > 30 and seen["infeasible"] > 3, seen


def test_reports_bound_and_gap_of_quick_answer():
    # Fractional LP: a+b+half of c; rounding keeps a and b and fills with d.
    problem = make_problem(
        [cand("a", 40, 40), cand("b", 40, 39), cand("c", 40, 30), cand("d", 10, 1)]
    )
    quick = allocate(problem, time_limit=0)
    assert quick.upper_bound == pytest.approx(40 + 39 + 15)
    assert quick.total_score == 80
    assert quick.gap == pytest.approx((94 - 80) / 94)
    assert quick.status == "feasible" and quick.method == "lp_rounding"
    seen = []
    full = allocate(problem, on_first_answer=seen.append)
    assert seen and seen[0].total_score == 80
    assert full.status == "optimal" and full.total_score == 80


def test_same_input_same_output_whatever_the_order():
    rng = random.Random(5)
    problem = random_problem(rng, 40)
    first = allocate(problem, time_limit=5)
    shuffled = list(problem.candidates)
    rng.shuffle(shuffled)
    again = allocate(
        Problem(problem.budget, tuple(shuffled), problem.regions, problem.sector_max_shares),
        time_limit=5,
    )
    assert first.to_dict() == again.to_dict()
    assert list(first.selected) == sorted(first.selected)


def test_zero_cost_and_empty_problem():
    result = allocate(make_problem([cand("free", 0, 3), cand("zero", 0, 0)]))
    assert result.selected == ("free", "zero") or result.selected == ("free",)
    assert result.total_score == 3
    empty = allocate(make_problem([]))
    assert empty.status == "optimal" and empty.selected == () and empty.gap == 0


def test_greedy_respects_rules_on_larger_instance():
    rng = random.Random(11)
    problem = random_problem(rng, 120)
    greedy = greedy_allocation(problem)
    best = allocate(problem, time_limit=5)
    if greedy.status == "feasible":
        assert independent_violations(problem, greedy.selected) == []
    assert best.status in {"optimal", "feasible"}
    assert independent_violations(problem, best.selected) == []
    assert best.total_score >= greedy.total_score - 1e-9


@pytest.mark.parametrize("with_filler", [False, True])
def test_tight_budget_keeps_the_better_single_project(with_filler):
    for a, b in combinations([(60, 9), (50, 8), (70, 10)], 2):
        cands = [cand("a", *a), cand("b", *b)] + ([cand("c", 1, 0)] if with_filler else [])
        result = allocate(make_problem(cands))
        assert result.total_score == max(a[1], b[1])


def test_quick_answer_on_a_thousand_candidates_is_close_and_fast():
    rng = random.Random(3)
    problem = random_problem(rng, 1000)
    start = time.perf_counter()
    quick = allocate(problem, time_limit=0, explain=False)
    elapsed = time.perf_counter() - start
    assert quick.status in {"feasible", "optimal"}
    assert independent_violations(problem, quick.selected) == []
    assert quick.gap <= 0.005
    assert elapsed < 5  # about 0.05 s on an idle machine


def test_too_short_a_limit_is_not_called_infeasible():
    problem = needs_the_exact_solver()
    quick = allocate(problem, time_limit=0)
    assert quick.status == "no_solution_found"
    assert quick.selected == () and quick.explanations == {}
    [reason] = quick.conflicts
    assert reason.code == "not_found" and reason.params == {"time_limit": 0}
    greedy = greedy_allocation(problem)
    assert greedy.status == "no_solution_found" and greedy.selected == ()
    # One exists: given time, the solver finds it.
    full = allocate(problem, time_limit=5)
    assert full.status == "optimal" and full.selected == ("a", "b", "w")
    assert independent_violations(problem, full.selected) == []
