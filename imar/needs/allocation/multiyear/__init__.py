"""Multi-year allocation: yearly cost profiles, a budget per year, no half-built projects (pure).

Each candidate has a cost profile (what it costs in each year from its start). Choosing it
means choosing a start year inside its window such that the whole profile lies inside the
plan's years: a project started is funded to completion, never left half built. Each year's
spending is held within that year's budget or, with ``carry_over``, within the budget of that
year plus whatever earlier years left unspent (cumulative spending within cumulative budget).
Mandatory, ``requires`` (A only if B) and ``excludes`` (not both) hold as in the one-year
allocator. The objective is the total score; then start years are moved earlier until no
chosen project could start a year earlier with the others kept where they are.

:func:`allocate_years` gives the greedy answer, the LP bound, then HiGHS within a time limit,
and explains every decision with a :class:`~imar.needs.allocation.result.Reason` whose figures
are true of the answer (``tests/needs/allocation/test_multiyear.py`` checks each one).
"""

from imar.needs.allocation.multiyear.model import YearModel
from imar.needs.allocation.multiyear.problem import (
    MultiYearProblem,
    YearAllocation,
    YearCandidate,
    parse_multiyear_input,
)
from imar.needs.allocation.multiyear.sensitivity import plan_sensitivity
from imar.needs.allocation.multiyear.solve import allocate_years

__all__ = [
    "MultiYearProblem",
    "YearAllocation",
    "YearCandidate",
    "YearModel",
    "allocate_years",
    "parse_multiyear_input",
    "plan_sensitivity",
]
