"""Background work of citizens' cases (run by `imar feedback_escalate`, a queue later)."""

from imar.feedback.services import escalate_overdue


def escalate() -> list[int]:
    """Escalate every overdue open case; the ids escalated."""
    return escalate_overdue()
