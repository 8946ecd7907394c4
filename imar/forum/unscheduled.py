"""Why a request was left out of the schedule, in the reader's language: the one place that
words the pure scheduler's reasons (code and params) for people."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MESSAGES = {
    "no_common_slot": gettext_lazy("the two participants have no free slot in common"),
    "zero_weight": gettext_lazy("zero priority"),
    "at_max_meetings": gettext_lazy("a participant has reached their maximum number of meetings"),
    "no_free_slot_left": gettext_lazy("a participant has a meeting in every slot they can attend"),
    "no_table": gettext_lazy("all tables are taken in the slots both are free"),
    "no_interpreter": gettext_lazy(
        "no interpreter of the language needed is free in the slots both are free"
    ),
    "slots_closed": gettext_lazy("the slots both can attend are past or closed"),
    "lower_priority": gettext_lazy("lower priority than the meetings it conflicts with"),
    "conflicting_meetings": gettext_lazy("their other meetings fill the slots both can attend"),
}


def unscheduled_text(entry: dict, names: dict[str, str] | None = None) -> str:
    """The reason in the active language; with ``names`` (participant id -> name) it says who
    is full and which interpreter language is missing. A request to an organization says
    that none of its delegates could take it, and why for the one asked."""
    reason = _reason_text(entry, names)
    delegates = (entry.get("params") or {}).get("delegates")
    if isinstance(delegates, int) and delegates > 1:
        return _(
            "none of the organization's %(n)s delegates could take it; for the one asked: "
            "%(reason)s"
        ) % {"n": delegates, "reason": reason}
    return reason


def _reason_text(entry: dict, names: dict[str, str] | None) -> str:
    code, params = entry.get("code", ""), entry.get("params") or {}
    who = (names or {}).get(str(params.get("participant", "")))
    if code == "at_max_meetings" and who:
        return _("%(name)s has reached their maximum number of meetings (%(n)s)") % {
            "name": who,
            "n": params.get("meetings", ""),
        }
    if code == "no_free_slot_left" and who:
        return _("%(name)s has a meeting in every slot they can attend") % {"name": who}
    if code == "no_interpreter" and params.get("language"):
        return _("no %(language)s interpreter is free in the slots both are free") % {
            "language": params["language"]
        }
    message = MESSAGES.get(code)
    return str(message) if message else code


def reasons_for(run, request_ids, names: dict[str, str] | None = None) -> dict[int, str]:
    """The last run's reason for each of ``request_ids`` it left out, in the active language."""
    if run is None:
        return {}
    wanted = set(request_ids)
    return {
        u["request"]: unscheduled_text(u, names) for u in run.unscheduled if u["request"] in wanted
    }
