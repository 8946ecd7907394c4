"""Why a request was left out of the schedule, in the reader's language (from the pure
scheduler's stable codes)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "no_common_slot": _("the two participants have no free slot in common"),
    "zero_weight": _("zero priority"),
    "at_max_meetings": _("a participant has reached their maximum number of meetings"),
    "no_free_slot_left": _("a participant has a meeting in every slot they can attend"),
    "no_table": _("all tables are taken in the slots both are free"),
    "no_interpreter": _("no interpreter of the language needed is free in the slots both are free"),
    "slots_closed": _("the slots both can attend are past or closed"),
    "lower_priority": _("lower priority than the meetings it conflicts with"),
    "conflicting_meetings": _("their other meetings fill the slots both can attend"),
}


def unscheduled_text(entry: dict) -> str:
    message = MESSAGES.get(entry.get("code", ""))
    return str(message) if message else entry.get("code", "")


def reasons_for(run, request_ids) -> dict[int, str]:
    """The last run's reason for each of ``request_ids`` it left out, in the active language."""
    if run is None:
        return {}
    wanted = set(request_ids)
    return {u["request"]: unscheduled_text(u) for u in run.unscheduled if u["request"] in wanted}
