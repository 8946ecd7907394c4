"""Multi-year allocation against brute force on small cases, and every reason against its figures.

The brute force and the rule check here are written from the problem's definition only
(cumulative spending within cumulative budget with carry-over, each year's within its own
without; a project started finishes inside the plan), not from the module's model.
"""

import itertools
import random

import pytest

from imar.needs.allocation import ProblemError
from imar.needs.allocation.multiyear import (
    MultiYearProblem,
    YearCandidate,
    allocate_years,
    parse_multiyear_input,
)


def independent_ok(problem: MultiYearProblem, starts: dict[str, int]) -> bool:
    years = list(problem.years)
    spent = dict.fromkeys(years, 0.0)
    by_id = {c.id: c for c in problem.candidates}
    for cid, start in starts.items():
        c = by_id[cid]
        if c.earliest_start is not None and start < c.earliest_start:
            return False
        if c.latest_start is not None and start > c.latest_start:
            return False
        for offset, cost in enumerate(c.costs):
            year = start + offset
            if year not in spent:
                return False  # not finished inside the plan: a half-built project
            spent[year] += cost
    slack = 1e-7 * sum(problem.budgets)
    running_spent = running_budget = 0.0
    for year, budget in zip(years, problem.budgets, strict=True):
        running_spent += spent[year]
        running_budget += budget
        if problem.carry_over and running_spent > running_budget + slack:
            return False
        if not problem.carry_over and spent[year] > budget + slack:
            return False
    for c in problem.candidates:
        if c.mandatory and c.id not in starts:
            return False
        if c.id in starts:
            if any(r not in starts for r in c.requires):
                return False
            if any(e in starts for e in c.excludes):
                return False
    return True


def brute_force(problem: MultiYearProblem) -> float | None:
    """Best score over every choice of (left out | start year) for every candidate."""
    choices = [[None, *problem.years] for _ in problem.candidates]
    best = None
    for combo in itertools.product(*choices):
        starts = {c.id: s for c, s in zip(problem.candidates, combo, strict=True) if s is not None}
        if independent_ok(problem, starts):
            score = sum(c.score for c in problem.candidates if c.id in starts)
            best = score if best is None else max(best, score)
    return best


def random_problem(rng: random.Random, n: int, carry_over: bool) -> MultiYearProblem:
    years = (2027, 2028, 2029)
    ids = [f"p{k}" for k in range(n)]
    candidates = []
    for cid in ids:
        length = rng.choice([1, 1, 2, 2, 3, 4])
        earliest = rng.choice([None, None, 2028])
        candidates.append(
            YearCandidate(
                id=cid,
                costs=tuple(float(rng.randint(1, 30)) for _ in range(length)),
                score=float(rng.randint(0, 40)),
                earliest_start=earliest,
                latest_start=rng.choice([None, None, 2028]) if earliest is None else None,
                mandatory=rng.random() < 0.1,
                requires=(rng.choice(ids),) if rng.random() < 0.15 else (),
                excludes=(rng.choice(ids),) if rng.random() < 0.15 else (),
            )
        )
    candidates = [
        YearCandidate(
            **{
                **c.__dict__,
                "requires": tuple(r for r in c.requires if r != c.id),
                "excludes": tuple(e for e in c.excludes if e != c.id),
            }
        )
        for c in candidates
    ]
    budgets = tuple(float(rng.randint(10, 45)) for _ in years)
    return MultiYearProblem(years, budgets, tuple(candidates), carry_over)


@pytest.mark.parametrize("seed", range(40))
def test_matches_brute_force_and_every_reason_is_true(seed):
    rng = random.Random(seed)
    problem = random_problem(rng, rng.randint(3, 6), carry_over=seed % 2 == 0)
    expected = brute_force(problem)
    result = allocate_years(problem, time_limit=5)
    if expected is None:
        assert result.status == "infeasible"
        assert not result.starts
        return
    assert result.status == "optimal"
    assert independent_ok(problem, result.starts)
    assert result.total_score == pytest.approx(expected)
    assert result.upper_bound >= expected - 1e-6
    check_reasons(problem, result)


def check_reasons(problem: MultiYearProblem, result) -> None:
    """Each reason kind against the answer it explains, from the problem's definition."""
    by_id = {c.id: c for c in problem.candidates}
    assert set(result.explanations) == set(by_id)
    years = list(problem.years)
    for cid, reason in result.explanations.items():
        c = by_id[cid]
        p = reason.params
        if reason.code in ("years_chosen", "years_mandatory", "years_required"):
            assert cid in result.starts
            assert p["start"] == result.starts[cid]
            assert p["end"] == p["start"] + len(c.costs) - 1 <= years[-1]
            assert p["cost"] == pytest.approx(sum(c.costs))
            if reason.code == "years_mandatory":
                assert c.mandatory
            if reason.code == "years_required":
                assert cid in by_id[p["by"]].requires and p["by"] in result.starts
            continue
        assert cid not in result.starts
        if reason.code == "years_cannot_finish":
            latest = c.latest_start if c.latest_start is not None else years[-1]
            assert p["latest_start"] == latest
            assert latest + len(c.costs) - 1 > years[-1]
        elif reason.code == "excluded_by":
            other = by_id[p["project"]]
            assert p["project"] in result.starts
            assert cid in other.excludes or p["project"] in c.excludes
        elif reason.code == "requires_unchosen":
            assert p["project"] in c.requires and p["project"] not in result.starts
        elif reason.code == "years_no_room":
            # Every start it could take breaks some year's budget, by the figures shown.
            possible = [
                y
                for y in years
                if (c.earliest_start is None or y >= c.earliest_start)
                and (c.latest_start is None or y <= c.latest_start)
                and y + len(c.costs) - 1 <= years[-1]
            ]
            assert [s["start"] for s in p["starts"]] == possible
            for short in p["starts"]:
                assert short["needed"] > short["left"] + 1e-9
                assert not independent_ok(problem, {**result.starts, cid: short["start"]})
                # "left" is what the answer leaves unspent in that year (up to it, with
                # carry-over): the year row's "left".
                row = next(r for r in result.to_dict()["years"] if r["year"] == short["year"])
                assert short["left"] == pytest.approx(row["left"])
                assert short["left"] == pytest.approx(_left(result, problem, short["year"]))
        elif reason.code == "no_gain":
            assert c.score == 0
        else:
            raise AssertionError(f"unexpected reason {reason.code}")


def _left(result, problem, year) -> float:
    """Unspent money at the end of ``year``, from budgets and the chosen starts alone."""
    by_id = {c.id: c for c in problem.candidates}
    spent = dict.fromkeys(problem.years, 0.0)
    for cid, start in result.starts.items():
        for offset, cost in enumerate(by_id[cid].costs):
            spent[start + offset] += cost
    pairs = list(zip(problem.years, problem.budgets, strict=True))
    if problem.carry_over:
        return sum(b - spent[y] for y, b in pairs if y <= year)
    return dict(pairs)[year] - spent[year]


def test_carry_over_funds_a_project_the_yearly_budgets_alone_cannot():
    school = YearCandidate("school", costs=(10.0, 90.0), score=10.0)
    problem = MultiYearProblem((2027, 2028), (50.0, 50.0), (school,), carry_over=True)
    result = allocate_years(problem)
    assert result.starts == {"school": 2027}
    assert result.carried == [40.0, 0.0]
    assert result.available == [50.0, 90.0]
    no_carry = allocate_years(MultiYearProblem((2027, 2028), (50.0, 50.0), (school,), False))
    assert no_carry.starts == {}
    reason = no_carry.explanations["school"]
    assert reason.code == "years_no_room"
    assert reason.params["starts"] == [{"start": 2027, "year": 2028, "needed": 90.0, "left": 50.0}]


def test_no_half_built_project_and_earliest_start():
    # Three years of cost in a two-year plan: never started.
    long = YearCandidate("long", costs=(1.0, 1.0, 1.0), score=100.0)
    # Fits from 2027 or 2028; it starts as early as the money allows.
    short = YearCandidate("short", costs=(5.0,), score=1.0)
    problem = MultiYearProblem((2027, 2028), (10.0, 10.0), (long, short), carry_over=False)
    result = allocate_years(problem)
    assert result.starts == {"short": 2027}
    assert result.explanations["long"].code == "years_cannot_finish"
    assert result.explanations["long"].params == {
        "length": 3,
        "latest_start": 2028,
        "last_year": 2028,
    }


def test_mandatory_that_cannot_finish_is_infeasible():
    problem = MultiYearProblem(
        (2027,), (10.0,), (YearCandidate("a", costs=(1.0, 1.0), score=1.0, mandatory=True),)
    )
    result = allocate_years(problem)
    assert result.status == "infeasible"
    assert result.conflicts[0].code == "years_mandatory_cannot_finish"
    over = MultiYearProblem(
        (2027, 2028),
        (10.0, 10.0),
        (YearCandidate("a", costs=(30.0,), score=1.0, mandatory=True),),
    )
    assert allocate_years(over).status == "infeasible"


def test_parse_names_the_field():
    good = {
        "years": [2027, 2028],
        "budgets": {"2027": 10, "2028": 5},
        "carry_over": False,
        "candidates": [{"id": "a", "costs": [3, 4], "score": 2, "earliest_start": 2027}],
    }
    problem = parse_multiyear_input(good)
    assert problem.budgets == (10.0, 5.0) and not problem.carry_over
    assert problem.candidates[0].costs == (3.0, 4.0)
    bad_cases = [
        ({**good, "years": [2027, 2029]}, "years"),
        ({**good, "budgets": {"2027": 10}}, "budgets.2028"),
        ({**good, "budgets": {"2027": 10, "2028": 5, "2030": 1}}, "budgets.2030"),
        ({**good, "candidates": [{"id": "a", "costs": [], "score": 1}]}, "candidates[0].costs"),
        (
            {**good, "candidates": [{"id": "a", "costs": [1], "score": 1, "earliest_start": 2031}]},
            "candidates[0].earliest_start",
        ),
        (
            {**good, "candidates": [{"id": "a", "costs": [1], "score": 1, "cost": 2}]},
            "candidates[0].cost",
        ),
        (
            {**good, "candidates": [{"id": "a", "costs": [1], "score": 1, "requires": ["zz"]}]},
            "candidates[0].requires[0]",
        ),
    ]
    for data, path in bad_cases:
        with pytest.raises(ProblemError) as caught:
            parse_multiyear_input(data)
        assert caught.value.path == path


def test_the_random_cases_meet_every_reason_kind():
    """The brute-force cases above exercise each kind of reason (so each was checked)."""
    seen = set()
    for seed in range(40):
        rng = random.Random(seed)
        problem = random_problem(rng, rng.randint(3, 6), carry_over=seed % 2 == 0)
        seen |= {r.code for r in allocate_years(problem, time_limit=5).explanations.values()}
    assert seen >= {
        "years_chosen",
        "years_mandatory",
        "years_required",
        "years_cannot_finish",
        "years_no_room",
        "excluded_by",
        "requires_unchosen",
    }
