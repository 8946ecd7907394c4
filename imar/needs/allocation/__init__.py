"""Budget allocation: choose projects maximizing total score under the fund's rules (pure).

Rules: total cost within the budget; per-region minimum and maximum shares of the budget;
per-sector maximum shares; mandatory projects; ``requires`` (A only if B) and ``excludes``
(not both). :func:`allocate` gives a fast answer from the LP relaxation, improves it with
HiGHS (through SciPy) within a time limit, and always reports an upper bound and the gap.
When the rules cannot all hold it says which ones conflict; every decision is explained.

Modules by concern: ``problem`` (input and parsing), ``model`` (array form and rows),
``bound`` (LP relaxation, reduced-cost fixing), ``heuristic`` (greedy, LP rounding),
``exact`` (HiGHS), ``conflicts`` and ``explanation`` (reasons), ``solver`` (the pipeline).
Beside it: ``multiyear`` (yearly cost profiles and budgets, no half-built projects, carry-over),
``sensitivity`` (what each rule costs, ±10% budget, stable projects) and ``equity``
(allocation against need per district, Gini and Theil, a lexicographic fairness objective,
per-capita floors).
Reasons are data (:class:`Reason`: code and params); ``imar.needs.reasons`` words them in the
reader's language. No Django imports here.
"""

from imar.needs.allocation.model import check_selection
from imar.needs.allocation.problem import (
    Candidate,
    Problem,
    ProblemError,
    RegionLimit,
    parse_allocation_input,
)
from imar.needs.allocation.result import (
    FEASIBLE,
    INFEASIBLE,
    NO_SOLUTION_FOUND,
    OPTIMAL,
    STATUSES,
    Allocation,
    Reason,
)
from imar.needs.allocation.solver import allocate, greedy_allocation

__all__ = [
    "FEASIBLE",
    "INFEASIBLE",
    "NO_SOLUTION_FOUND",
    "OPTIMAL",
    "STATUSES",
    "Allocation",
    "Candidate",
    "Problem",
    "ProblemError",
    "Reason",
    "RegionLimit",
    "allocate",
    "check_selection",
    "greedy_allocation",
    "parse_allocation_input",
]
