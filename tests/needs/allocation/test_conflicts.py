"""Why the rules cannot all hold: direct conflicts and the deletion filter."""

from imar.needs.allocation import (
    allocate,
)
from tests.needs.allocation.helpers import (
    cand,
    make_problem,
    worded,
)


def test_conflict_messages_for_simple_conflicts():
    problem = make_problem(
        [
            cand("X", 3_000_000, 1, "East", mandatory=True, excludes=["Y"]),
            cand("Y", 2_000_000, 1, "West", mandatory=True),
            cand("Z", 500_000, 1, "South"),
        ],
        budget=4_000_000,
        regions={
            "East": {"min_share": 0.5},
            "West": {"min_share": 0.5},
            "South": {"min_share": 0.2},
        },
    )
    result = allocate(problem)
    assert result.status == "infeasible"
    texts = [worded(c) for c in result.conflicts]
    assert texts == [
        "The minimum shares of East, South, West add up to 120.00% of the budget.",
        "The mandatory projects cost 5,000,000, more than the budget of 4,000,000.",
        "South must get at least 20.00% of the budget (800,000), but its candidates cost only "
        "500,000 in all.",
        "Mandatory project X excludes mandatory project Y.",
    ]
    codes = [c.code for c in result.conflicts]
    assert codes[1] == "mandatory_over_budget"
    assert result.conflicts[1].params == {
        "cost": 5_000_000.0,
        "budget": 4_000_000.0,
        "with_required": False,
    }
    assert result.to_dict()["conflicts"] == [c.to_dict() for c in result.conflicts]


def test_required_project_excluded_by_mandatory():
    problem = make_problem(
        [
            cand("X", 10, 1, mandatory=True, requires=["Y"]),
            cand("Y", 10, 1),
            cand("Z", 10, 1, mandatory=True, excludes=["Y"]),
        ]
    )
    result = allocate(problem)
    assert result.status == "infeasible"
    assert [worded(c) for c in result.conflicts] == [
        "Mandatory project X requires Y (X → Y), but Y and mandatory project Z exclude each other."
    ]


def test_caps_against_mandatory_projects():
    problem = make_problem(
        [cand("A", 50, 1, "East", "roads", mandatory=True), cand("B", 10, 1, "West", "water")],
        regions={"East": {"max_share": 0.3}},
        sectors={"roads": {"max_share": 0.4}},
    )
    texts = [worded(c) for c in allocate(problem).conflicts]
    assert texts == [
        "The mandatory projects in East cost 50, more than its maximum share of 30.00% of the "
        "budget.",
        "The mandatory projects in sector roads cost 50, more than its maximum share of 40.00% "
        "of the budget.",
    ]


def test_conflicting_rules_found_by_deletion_filter():
    # East needs 50..55 but its projects cost 60 and 30: only the solver can see it.
    problem = make_problem(
        [cand("e1", 60, 5, "East"), cand("e2", 30, 5, "East"), cand("w1", 10, 5, "West")],
        regions={"East": {"min_share": 0.5, "max_share": 0.55}},
    )
    result = allocate(problem)
    assert result.status == "infeasible"
    [reason] = result.conflicts
    assert reason.code == "conflicting_rules"
    assert [r["rule"] for r in reason.params["rules"]] == ["region_min", "region_max"]
    assert worded(reason) == (
        "These rules cannot all hold at once: East gets at least 50.00% of the budget; "
        "East gets at most 55.00% of the budget."
    )


def test_conflict_involving_requires_and_excludes():
    # A is mandatory, A requires B, B excludes C, and West's floor can only be met by C.
    problem = make_problem(
        [
            cand("A", 10, 1, "East", mandatory=True, requires=["B"]),
            cand("B", 10, 1, "East", excludes=["C"]),
            cand("C", 30, 1, "West"),
            cand("D", 5, 1, "East"),
        ],
        regions={"West": {"min_share": 0.2}},
    )
    result = allocate(problem)
    assert result.status == "infeasible"
    rules = {tuple(sorted(r.items())) for r in result.conflicts[0].params["rules"]}
    assert rules == {
        (("amount", 20.0), ("region", "West"), ("rule", "region_min"), ("share", 0.2)),
        (("project", "A"), ("rule", "mandatory")),
        (("other", "B"), ("project", "A"), ("rule", "requires")),
        (("other", "C"), ("project", "B"), ("rule", "excludes")),
    }
    assert "projects B and C cannot both be chosen" in worded(result.conflicts[0])
