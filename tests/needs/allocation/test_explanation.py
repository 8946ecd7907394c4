"""Why each candidate is in or out; every reason true of the selection it explains."""

import random

from imar.needs.allocation import (
    allocate,
    greedy_allocation,
)
from tests.needs.allocation.helpers import (
    cand,
    check_reason,
    make_problem,
    random_problem,
    worded,
)


def test_explanations_for_each_kind_of_decision():
    problem = make_problem(
        [
            cand("must", 20, 1, "South", "health", mandatory=True),
            cand("dep", 5, 0, "South", "health"),
            cand("top", 30, 60, "East", "water", requires=["dep"]),
            cand("rival", 10, 5, "West", "water", excludes=["top"]),
            cand("orphan", 10, 30, "West", "health", requires=["rival"]),
            cand("east2", 25, 40, "East", "roads"),
            cand("road2", 15, 20, "West", "roads"),
            cand("west", 20, 15, "West", "health"),
            cand("poor", 30, 1, "West", "health"),
        ],
        regions={"East": {"max_share": 0.6}},
        sectors={"roads": {"max_share": 0.3}},
    )
    result = allocate(problem)
    assert result.status == "optimal"
    assert set(result.selected) == {"must", "dep", "top", "east2", "west"}
    why = {k: r.code for k, r in result.explanations.items()}
    assert why == {
        "must": "mandatory",
        "dep": "required",
        "top": "high_score_per_dinar",
        "east2": "high_score_per_dinar",
        "west": "high_score_per_dinar",
        "rival": "excluded_by",
        "orphan": "requires_unchosen",
        "road2": "sector_maximum_reached",
        "poor": "budget_exhausted",
    }
    text = {k: worded(r) for k, r in result.explanations.items()}
    assert text["rival"] == "Left out: excluded by chosen project top."
    assert text["orphan"] == "Left out: requires rival, which was not chosen."
    assert text["dep"] == "Chosen: required by chosen project top."
    assert text["road2"] == (
        "Left out: it costs 15, and sector roads already has 25 of its maximum of 30 (30.00% "
        "of the budget)."
    )
    assert "is below that of every project chosen for its score" in text["poor"]
    # Region cap as the binding reason.
    capped = make_problem(
        [cand("a", 50, 50, "East"), cand("b", 20, 10, "East"), cand("c", 10, 1, "West")],
        regions={"East": {"max_share": 0.6}},
    )
    assert allocate(capped).explanations["b"].code == "region_maximum_reached"


def test_mandatory_chain_is_explained():
    problem = make_problem(
        [
            cand("M", 10, 1, mandatory=True, requires=["R"]),
            cand("R", 10, 0, requires=["S"]),
            cand("S", 10, 0),
            cand("X", 90, 50),
        ]
    )
    result = allocate(problem)
    assert result.selected == ("M", "R", "S")
    text = {k: worded(r) for k, r in result.explanations.items()}
    assert text["M"] == "Chosen: mandatory."
    assert text["R"] == "Chosen: required by chosen project M."
    assert text["S"] == "Chosen: required by chosen project R."
    # Nothing was chosen for its score, so X is not "below" anything: it just does not fit.
    assert result.explanations["X"].code == "does_not_fit"
    assert result.explanations["X"].params["remaining"] == 70
    assert text["X"] == (
        "Left out: it costs 90 but only 70 is left; it would fit only by dropping chosen projects."
    )


def test_every_reason_is_true_of_the_selection_it_explains():
    rng = random.Random(17)
    seen: set[str] = set()
    for _ in range(60):
        problem = random_problem(rng, rng.randint(8, 40))
        for result in (allocate(problem, time_limit=5), greedy_allocation(problem)):
            if not result.selected:
                continue
            assert set(result.explanations) == {c.id for c in problem.candidates}
            for cid, reason in result.explanations.items():
                check_reason(problem, result.selected, cid, reason)
                seen.add(reason.code)
    assert seen >= {
        "mandatory",
        "required",
        "high_score_per_dinar",
        "excluded_by",
        "requires_unchosen",
        "region_maximum_reached",
        "sector_maximum_reached",
        "budget_exhausted",
        "does_not_fit",
    }, seen


def test_a_stored_reason_whose_figures_contradict_it_is_not_worded_as_below():
    # Issue 17: "its score per million (0.031) is lower than what the selected projects give
    # (0.023)". Such a stored reason is now worded as what its figures say: it did not fit.
    stored = {
        "code": "budget_exhausted",
        "params": {
            "cost": 9_000_000,
            "remaining": 1_000_000,
            "score_per_million": 0.031,
            "cutoff_per_million": 0.023,
        },
    }
    text = worded(stored)
    assert "below" not in text and "lower" not in text
    assert text == (
        "Left out: it costs 9,000,000 but only 1,000,000 is left; it would fit only by dropping "
        "chosen projects."
    )
    close = {**stored, "params": {**stored["params"], "score_per_million": 0.02299}}
    assert "(0.02299) is below that of every project chosen for its score (the lowest is " in (
        worded(close)
    )
