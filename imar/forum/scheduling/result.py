"""What the scheduler answers: meetings, unscheduled requests with their reason, figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from imar.forum.scheduling.problem import Meeting

# Reason codes and their English wording (for the CLI and logs; ``imar.forum.unscheduled``
# words them in the reader's language). ``{name}`` fields come from the reason's params.
ENGLISH = {
    "no_common_slot": "no common free slot for {a} and {b}",
    "zero_weight": "zero priority: not worth a slot",
    "at_max_meetings": "participant {participant} at max meetings ({meetings})",
    "no_free_slot_left": "participant {participant} has a meeting in every slot they can attend",
    "slots_closed": "the slots both {a} and {b} can attend are past or closed",
    "no_table": "all tables taken in the slots both {a} and {b} are free",
    "no_interpreter": "no {language} interpreter left in the slots both {a} and {b} are free",
    "lower_priority": "lower priority than conflicting meetings of {a} and {b}",
    "conflicting_meetings": (
        "no common free slot for {a} and {b}: their other meetings fill the slots both can attend"
    ),
}


@dataclass(frozen=True)
class Reason:
    """A reason as data: a stable code and what it refers to (ids, counts, slots)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """English rendering (the Django side renders the same code in the reader's language)."""
        template = ENGLISH.get(self.code)
        return template.format(**self.params) if template else self.code


@dataclass(frozen=True)
class Unscheduled:
    request: str
    reason: Reason

    @property
    def code(self) -> str:  # stable machine code, e.g. "at_max_meetings"
        return self.reason.code

    @property
    def params(self) -> dict[str, object]:
        return self.reason.params

    @property
    def text(self) -> str:
        return self.reason.text


@dataclass
class Schedule:
    meetings: list[Meeting]
    scheduled_weight: float
    upper_bound: float
    gap: float
    unscheduled: list[Unscheduled]
    idle_gaps: int  # total over participants of empty slots between first and last meeting
    method: str  # "exact" or "heuristic"
    optimal: bool  # True when the weight is proven optimal
    moved: list[str] = field(default_factory=list)  # reschedule: previous meetings moved/dropped
    seconds: float = 0.0
