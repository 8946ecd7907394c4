"""Meeting scheduler for the forum's B2B meetings (pure: no Django, no ORM).

Given accepted meeting requests, assign each one a slot and a table so that nobody is in two
meetings at once, unavailable slots and ``max_meetings`` hold, no slot uses more tables than
it has and locked meetings keep their slot. The objective is lexicographic: first the total
priority weight of scheduled meetings, then (when rescheduling) the number of previously
scheduled meetings that move, then participants' idle gaps.

Every answer carries an upper bound on the achievable weight (a b-matching LP solved with
HiGHS), so the quality of a heuristic schedule is always known: ``gap = (ub - weight) / ub``.

Small instances are solved exactly with a MILP; large ones with a greedy guided by the LP
solution, repaired by moves, Kempe-chain swaps and weight-improving ejections, then a pass
that compacts idle gaps. Everything is deterministic for a given input (unless the time limit
cuts a search short).

Modules by concern: ``problem`` (data types, parsing, validation), ``model`` (index form),
``bound`` (LP bound), ``exact`` (MILP), ``heuristic`` (engine and repairs), ``explanation``
(reasons for the unscheduled, as :class:`Reason` code and params), ``solver`` (the pipeline).
The Django side words reasons in the reader's language (``imar.forum.unscheduled``).
"""

from imar.forum.scheduling.bound import upper_bound
from imar.forum.scheduling.model import idle_gaps
from imar.forum.scheduling.problem import (
    Instance,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleInputError,
    parse_previous_schedule,
    parse_schedule_input,
    validate_instance,
)
from imar.forum.scheduling.result import Reason, Schedule, Unscheduled
from imar.forum.scheduling.solver import (
    EXACT_IDLE_MAX_VARIABLES,
    EXACT_MAX_VARIABLES,
    greedy_schedule,
    rebook,
    reschedule,
    schedule,
    schedule_to_dict,
)
from imar.forum.scheduling.weights import (
    MUST_MEET,
    NO_THANKS,
    PREFERENCE_POINTS,
    WOULD_LIKE,
    preference_weight,
)

__all__ = [
    "EXACT_IDLE_MAX_VARIABLES",
    "EXACT_MAX_VARIABLES",
    "MUST_MEET",
    "NO_THANKS",
    "PREFERENCE_POINTS",
    "WOULD_LIKE",
    "Instance",
    "Meeting",
    "MeetingRequest",
    "Participant",
    "Reason",
    "Schedule",
    "ScheduleInputError",
    "Unscheduled",
    "greedy_schedule",
    "idle_gaps",
    "parse_previous_schedule",
    "parse_schedule_input",
    "preference_weight",
    "rebook",
    "reschedule",
    "schedule",
    "schedule_to_dict",
    "upper_bound",
    "validate_instance",
]
