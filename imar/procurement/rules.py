"""The rules a contracting process must meet, checked in one place: forms, the import and
the services ask these functions, so every entry point refuses the same bad input with the
same translated message, naming the field. Pure: plain values in, {field: [message]} out."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imar.procurement.enums import BidStatus, Method, ProcessStatus

S = ProcessStatus

# Transitions a staff member asks for directly; award_record, contract_sign and
# contract_terminate make the others (to awarded, contracted and terminated).
TRANSITIONS = {
    S.PLANNING: {S.TENDER, S.CANCELLED},
    S.TENDER: {S.EVALUATION, S.CANCELLED},
    S.EVALUATION: {S.AWARDED, S.CANCELLED},
    S.AWARDED: {S.CONTRACTED, S.CANCELLED},
    S.CONTRACTED: {S.COMPLETED, S.TERMINATED},
}
# Made only by their services (award_record, contract_sign, contract_terminate), which record
# what the status stands for; the status form offers the others.
SERVICE_TRANSITIONS = {S.AWARDED, S.CONTRACTED, S.TERMINATED}


def _add(problems: dict, field: str, message: str) -> None:
    problems.setdefault(field, []).append(message)


def raise_problems(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


def planning_problems(
    *, method: str, method_justification: str, estimated_value: Decimal | None
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if method not in Method.values:
        _add(problems, "method", _("Choose a procurement method."))
    elif method != Method.OPEN and not (method_justification or "").strip():
        _add(
            problems,
            "method_justification",
            _("A method other than open needs a justification."),
        )
    if estimated_value is None or estimated_value <= 0:
        _add(problems, "estimated_value", _("The estimated value must be greater than zero."))
    return problems


def tender_problems(
    *,
    title_ar: str,
    title_en: str,
    tender_start: datetime | None,
    tender_end: datetime | None,
    enquiry_start: datetime | None = None,
    enquiry_end: datetime | None = None,
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not (title_ar or "").strip():
        _add(problems, "title_ar", _("Give the tender's title in Arabic."))
    if not (title_en or "").strip():
        _add(problems, "title_en", _("Give the tender's title in English."))
    if tender_start is None:
        _add(problems, "tender_start", _("Give the date submissions open."))
    if tender_end is None:
        _add(problems, "tender_end", _("Give the submission deadline."))
    if tender_start and tender_end and tender_end <= tender_start:
        _add(problems, "tender_end", _("The submission deadline must be after submissions open."))
    if enquiry_start and enquiry_end and enquiry_end <= enquiry_start:
        _add(problems, "enquiry_end", _("Enquiries must close after they open."))
    return problems


def bid_problems(*, status: str, status_reason: str, value: Decimal | None) -> dict:
    problems: dict[str, list[str]] = {}
    if value is None or value <= 0:
        _add(problems, "value", _("The bid value must be greater than zero."))
    if status != BidStatus.VALID and not (status_reason or "").strip():
        _add(problems, "status_reason", _("Give the reason the bid was disqualified or withdrawn."))
    return problems


def award_problems(
    *, bid_status: str | None, award_date: date, standstill_end: date | None
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if bid_status is not None and bid_status != BidStatus.VALID:
        _add(problems, "bid", _("Only a valid bid can win."))
    if standstill_end is None:
        _add(problems, "standstill_end", _("Give the end of the standstill period."))
    elif standstill_end < award_date:
        _add(problems, "standstill_end", _("The standstill period cannot end before the award."))
    return problems


def contract_problems(*, start_date: date | None, end_date: date | None) -> dict:
    problems: dict[str, list[str]] = {}
    if start_date is None:
        _add(problems, "start_date", _("Give the contract's start date."))
    if end_date is None:
        _add(problems, "end_date", _("Give the contract's end date."))
    if start_date and end_date and end_date < start_date:
        _add(problems, "end_date", _("The contract cannot end before it starts."))
    return problems


def transition_problems(*, status: str, to: str, reason: str, has_bids: bool) -> list[str]:
    if to not in TRANSITIONS.get(status, set()):
        return [
            _("A contracting process cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(status).label, "to": S(to).label if to in S.values else to}
        ]
    if to in (S.CANCELLED, S.TERMINATED) and not (reason or "").strip():
        return [_("Give a reason to cancel or terminate a contracting process.")]
    if to == S.EVALUATION and not has_bids:
        return [_("Evaluation needs at least one bid received.")]
    return []
