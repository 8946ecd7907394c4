"""Writes of the procurement app: keyword-only, one transaction and one audit event each.
Every status change of a contracting process goes through `process_transition` (directly,
or from award_record, contract_sign and contract_terminate), like the project lifecycle."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.versioning import lock_current
from imar.monitoring.models import Transaction
from imar.monitoring.models.transactions import TransactionKind
from imar.portfolio.enums import OrganizationRole
from imar.portfolio.models import ProjectOrganization
from imar.procurement import rules
from imar.procurement.enums import ProcessStatus
from imar.procurement.exports.ocds.publish import publish_process
from imar.procurement.flags import CODES
from imar.procurement.models import (
    Amendment,
    Award,
    Bid,
    Complaint,
    Contract,
    ContractMilestone,
    Document,
    Exemption,
    FlagReview,
    Payment,
    Process,
)

S = ProcessStatus

PROCESS_FIELDS = [
    "lot", "budget_line", "estimated_value", "currency", "method", "method_justification",
    "year", "title_ar", "title_en", "description_ar", "description_en", "eligibility_ar",
    "eligibility_en", "procuring_entity", "enquiry_start", "enquiry_end", "tender_start",
    "tender_end",
]  # fmt: skip


def _user(by):
    return by if by is not None and by.is_authenticated else None


def _next_ocid(project) -> str:
    """`<prefix>-<project code>-<n>`. Without the registered prefix no process is created: an
    ocid, once published, can never change, and "-P-00001-1" would be no one's."""
    if not settings.IMAR_OCID_PREFIX:
        raise ValidationError(
            _(
                "No contracting process can be recorded yet: the OCDS ocid prefix "
                "(IMAR_OCID_PREFIX) is not set. An administrator sets the prefix the Open "
                "Contracting Partnership registered for the fund (README, Open data)."
            )
        )
    base = f"{settings.IMAR_OCID_PREFIX}-{project.code}"
    taken = set(Process.objects.filter(ocid__startswith=base).values_list("ocid", flat=True))
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _values(process: Process) -> dict:
    return {
        name: Process._meta.get_field(name).value_from_object(process) for name in PROCESS_FIELDS
    }


def _check_process(process: Process) -> None:
    problems = rules.planning_problems(
        method=process.method,
        method_justification=process.method_justification,
        estimated_value=process.estimated_value,
    )
    if process.status != S.PLANNING or process.tender_start or process.tender_end:
        for field, messages in rules.tender_problems(
            title_ar=process.title_ar,
            title_en=process.title_en,
            tender_start=process.tender_start,
            tender_end=process.tender_end,
            enquiry_start=process.enquiry_start,
            enquiry_end=process.enquiry_end,
        ).items():
            problems.setdefault(field, []).extend(messages)
    rules.raise_problems(problems)


@transaction.atomic
def process_save(
    *,
    by,
    project=None,
    process: Process | None = None,
    fields: dict,
    ocid: str = "",
    expected_version: int | None = None,
) -> Process:
    """Create a contracting process for `project` (with our ocid, or the publisher's when
    imported), or change the planning and tender of `process`; the method needs a
    justification unless it is open. With `expected_version`, a process saved elsewhere
    since is refused (`StaleVersion`)."""
    creating = process is None
    if creating:
        process = Process(project=project, ocid=ocid or _next_ocid(project))
    else:
        process = lock_current(process, expected_version=expected_version)
        if process.status in (S.AWARDED, S.CONTRACTED, S.COMPLETED, S.TERMINATED, S.CANCELLED):
            raise ValidationError(_("The tender cannot change after the award."))
    before = _values(process)
    for name in PROCESS_FIELDS:
        if name in fields:
            setattr(process, name, fields[name])
    _check_process(process)
    process.full_clean(exclude=["ocid"])
    process.save()
    after = _values(process)
    changes = {
        name: [before[name], after[name]]
        for name in PROCESS_FIELDS
        if creating or before[name] != after[name]
    }
    record_event(
        action="create" if creating else "update", instance=process, actor=by, changes=changes
    )
    publish_process(process)
    return process


@transaction.atomic
def process_transition(
    *, process: Process, to: str, by, reason: str = "", expected_version: int | None = None
) -> Process:
    """Move a process to `to` after checking the rules; record who and why."""
    caller_copy = process
    process = lock_current(process, expected_version=expected_version)
    problems = rules.transition_problems(
        status=process.status, to=to, reason=reason, has_bids=process.bids.exists()
    )
    if to == S.TENDER and not problems:
        _check_process_as(process, S.TENDER)
    if to == S.AWARDED and not hasattr(process, "award"):
        problems.append(_("Record the award first."))
    if to == S.CONTRACTED and not hasattr(process, "contract"):
        problems.append(_("Record the signed contract first."))
    if problems:
        raise ValidationError(" ".join(problems))
    from_status = process.status
    process.status = to
    fields = ["status", "updated_at"]
    if to == S.CANCELLED:
        process.cancel_reason = reason.strip()
        fields.append("cancel_reason")
    process.save(update_fields=fields)
    record_event(
        action="transition",
        instance=process,
        actor=by,
        changes={"status": [from_status, to]},
        reason=reason.strip(),
    )
    publish_process(process)
    caller_copy.refresh_from_db()
    return process


def _check_process_as(process: Process, status: str) -> None:
    current, process.status = process.status, status
    try:
        _check_process(process)
    finally:
        process.status = current


@transaction.atomic
def bid_record(
    *,
    by,
    process: Process,
    bidder,
    value: Decimal,
    currency: str,
    received_at,
    status: str = "valid",
    status_reason: str = "",
) -> Bid:
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.status not in (S.TENDER, S.EVALUATION):
        raise ValidationError(_("Bids are recorded while the tender is open or in evaluation."))
    rules.raise_problems(
        rules.bid_problems(status=status, status_reason=status_reason, value=value)
    )
    bid = Bid(
        process=process,
        bidder=bidder,
        value=value,
        currency=currency,
        received_at=received_at,
        status=status,
        status_reason=status_reason.strip(),
    )
    bid.full_clean()
    bid.save()
    record_event(
        action="create",
        instance=bid,
        actor=by,
        changes={"bidder": [None, bidder.pk], "value": [None, value], "status": [None, status]},
    )
    return bid


@transaction.atomic
def bid_set_status(
    *, by, bid: Bid, status: str, reason: str, expected_version: int | None = None
) -> Bid:
    bid = lock_current(bid, expected_version=expected_version)
    if bid.process.status not in (S.TENDER, S.EVALUATION):
        raise ValidationError(_("A bid's status cannot change after the award."))
    rules.raise_problems(rules.bid_problems(status=status, status_reason=reason, value=bid.value))
    before = bid.status
    bid.status, bid.status_reason = status, reason.strip()
    bid.save(update_fields=["status", "status_reason"])
    record_event(
        action="update", instance=bid, actor=by, changes={"status": [before, status]}, reason=reason
    )
    return bid


@transaction.atomic
def award_record(
    *,
    by,
    process: Process,
    bid: Bid | None,
    award_date: date,
    standstill_end: date,
    supplier=None,
    value: Decimal | None = None,
    currency: str = "",
    evaluation_report_ar: str = "",
    evaluation_report_en: str = "",
) -> Award:
    """Award a process in evaluation to a valid bid (or, for a direct award without bids, to
    `supplier` at `value`); the process becomes "awarded"."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.status != S.EVALUATION:
        raise ValidationError(_("Only a process in evaluation can be awarded."))
    if bid is not None and bid.process_id != process.pk:
        raise ValidationError({"bid": [_("This bid belongs to another process.")]})
    problems = rules.award_problems(
        bid_status=bid.status if bid else None,
        award_date=award_date,
        standstill_end=standstill_end,
    )
    if bid is None and (supplier is None or not value):
        problems.setdefault("bid", []).append(_("Choose the winning bid."))
    rules.raise_problems(problems)
    award = Award.objects.create(
        process=process,
        bid=bid,
        supplier=bid.bidder if bid else supplier,
        value=bid.value if bid else value,
        currency=bid.currency if bid else (currency or process.currency),
        date=award_date,
        standstill_end=standstill_end,
        evaluation_report_ar=evaluation_report_ar,
        evaluation_report_en=evaluation_report_en,
        recorded_by=_user(by),
    )
    record_event(
        action="create",
        instance=award,
        actor=by,
        changes={"supplier": [None, award.supplier_id], "value": [None, award.value]},
    )
    process_transition(process=process, to=S.AWARDED, by=by)
    return award


@transaction.atomic
def complaint_record(
    *, by, award: Award, complainant, received_on: date, summary: str, outcome: str = "pending",
    decided_on: date | None = None,
) -> Complaint:  # fmt: skip
    if not summary.strip():
        raise ValidationError({"summary": [_("Say what the complaint is about.")]})
    complaint = Complaint(
        award=award,
        complainant=complainant,
        received_on=received_on,
        summary=summary.strip(),
        outcome=outcome,
        decided_on=decided_on,
    )
    complaint.full_clean()
    complaint.save()
    record_event(
        action="create", instance=complaint, actor=by, changes={"outcome": [None, outcome]}
    )
    publish_process(award.process)
    return complaint


@transaction.atomic
def contract_sign(
    *,
    by,
    process: Process,
    date_signed: date,
    start_date: date,
    end_date: date,
    value: Decimal | None = None,
    agreement=None,
) -> Contract:
    """Record the signed contract of an awarded process; its contractor takes the contractor
    role on the project, and the process becomes "contracted"."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.status != S.AWARDED:
        raise ValidationError(_("Only an awarded process can have its contract signed."))
    problems = rules.contract_problems(start_date=start_date, end_date=end_date)
    if agreement is not None and agreement.kind != "contract":
        problems.setdefault("agreement", []).append(_("Link an agreement of kind “contract” only."))
    rules.raise_problems(problems)
    award = process.award
    contract = Contract.objects.create(
        process=process,
        award=award,
        contractor=award.supplier,
        agreement=agreement,
        value=value or award.value,
        currency=award.currency,
        date_signed=date_signed,
        start_date=start_date,
        end_date=end_date,
    )
    ProjectOrganization.objects.get_or_create(
        project=process.project, organization=award.supplier, role=OrganizationRole.CONTRACTOR
    )
    record_event(
        action="create",
        instance=contract,
        actor=by,
        changes={"value": [None, contract.value], "date_signed": [None, date_signed]},
    )
    process_transition(process=process, to=S.CONTRACTED, by=by)
    return contract


@transaction.atomic
def amendment_record(
    *, by, contract: Contract, amendment_date: date, value_after: Decimal, end_after: date,
    reason: str, expected_version: int | None = None,
) -> Amendment:  # fmt: skip
    """Change the value and end of a signed contract, keeping both sides and the reason."""
    contract = lock_current(contract, expected_version=expected_version)
    problems = {}
    if not reason.strip():
        problems["reason"] = [_("Give the reason for the amendment.")]
    if value_after is None or value_after <= 0:
        problems["value_after"] = [_("The new value must be greater than zero.")]
    if end_after is None:
        problems["end_after"] = [_("Give the contract's end date.")]
    elif end_after < contract.start_date:
        problems["end_after"] = [_("The contract cannot end before it starts.")]
    if amendment_date is None:
        problems["amendment_date"] = [_("Give the date of the amendment.")]
    elif amendment_date < contract.date_signed:
        problems["amendment_date"] = [_("A contract cannot be amended before it is signed.")]
    if contract.terminated_on:
        problems["reason"] = [_("A terminated contract cannot be amended.")]
    rules.raise_problems(problems)
    amendment = Amendment.objects.create(
        contract=contract,
        date=amendment_date,
        value_before=contract.value,
        value_after=value_after,
        end_before=contract.end_date,
        end_after=end_after,
        reason=reason.strip(),
        recorded_by=_user(by),
    )
    changes = {"value": [contract.value, value_after], "end_date": [contract.end_date, end_after]}
    contract.value, contract.end_date = value_after, end_after
    contract.save(update_fields=["value", "end_date"])
    record_event(action="amend", instance=contract, actor=by, changes=changes, reason=reason)
    publish_process(contract.process)
    return amendment


@transaction.atomic
def milestone_record(
    *, by, contract: Contract, title_ar: str, title_en: str, due_date: date,
    met_on: date | None = None,
) -> ContractMilestone:  # fmt: skip
    problems = {}
    if not (title_ar.strip() or title_en.strip()):
        problems["title_ar"] = [_("Give the milestone's title.")]
    if due_date is None:
        problems["due_date"] = [_("Give the milestone's due date.")]
    if contract.terminated_on:
        problems["title_ar"] = [_("A terminated contract takes no new milestone.")]
    rules.raise_problems(problems)
    milestone = ContractMilestone.objects.create(
        contract=contract, title_ar=title_ar, title_en=title_en, due_date=due_date, met_on=met_on
    )
    record_event(action="create", instance=milestone, actor=by, changes={"due": [None, due_date]})
    publish_process(contract.process)
    return milestone


@transaction.atomic
def payment_link(
    *, by, contract: Contract, transaction_row: Transaction, milestone=None
) -> Payment:
    """Say that one of the project's disbursements paid this contract (no copy of the money)."""
    if transaction_row.project_id != contract.process.project_id:
        raise ValidationError({"transaction_row": [_("This disbursement is of another project.")]})
    if transaction_row.kind != TransactionKind.DISBURSEMENT:
        raise ValidationError({"transaction_row": [_("Only a disbursement can pay a contract.")]})
    if transaction_row.date < contract.date_signed:
        raise ValidationError(
            {"transaction_row": [_("This disbursement was paid before the contract was signed.")]}
        )
    if Payment.objects.filter(transaction=transaction_row).exists():
        raise ValidationError(
            {"transaction_row": [_("This disbursement already pays a contract.")]}
        )
    payment = Payment.objects.create(
        contract=contract, transaction=transaction_row, milestone=milestone
    )
    record_event(
        action="create",
        instance=payment,
        actor=by,
        changes={"transaction": [None, transaction_row.pk]},
    )
    publish_process(contract.process)
    return payment


@transaction.atomic
def contract_terminate(
    *, by, contract: Contract, terminated_on: date, reason: str,
    expected_version: int | None = None,
) -> Contract:  # fmt: skip
    contract = lock_current(contract, expected_version=expected_version)
    problems = {}
    if not reason.strip():
        problems["termination_reason"] = [_("Give the reason for the termination.")]
    if terminated_on is None:
        problems["terminated_on"] = [_("Give the date of the termination.")]
    elif terminated_on < contract.date_signed:
        problems["terminated_on"] = [_("A contract cannot end before it is signed.")]
    rules.raise_problems(problems)
    process_transition(process=contract.process, to=S.TERMINATED, by=by, reason=reason)
    contract.terminated_on, contract.termination_reason = terminated_on, reason.strip()
    contract.save(update_fields=["terminated_on", "termination_reason"])
    record_event(
        action="terminate",
        instance=contract,
        actor=by,
        changes={"terminated_on": [None, terminated_on]},
        reason=reason,
    )
    return contract


@transaction.atomic
def exemption_record(*, by, project, reason: str) -> Exemption:
    """Let `project` go on to implementation without a contracting process, and say why."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the exemption.")]})
    exemption, _created = Exemption.objects.update_or_create(
        project=project, defaults={"reason": reason.strip(), "granted_by": _user(by)}
    )
    record_event(action="exempt", instance=project, actor=by, reason=reason.strip())
    return exemption


@transaction.atomic
def flag_review(*, by, process: Process, code: str, reason: str) -> FlagReview:
    """Record that a red flag of `process` was reviewed, and why it stands or is cleared."""
    problems = {}
    if code not in CODES:
        problems["code"] = [_("“%(code)s” is not a red flag.") % {"code": code}]
    if not reason.strip():
        problems["reason"] = [_("Give the reason of the review.")]
    rules.raise_problems(problems)
    review, _created = FlagReview.objects.update_or_create(
        process=process,
        code=code,
        defaults={"reason": reason.strip(), "reviewed_by": _user(by)},
    )
    record_event(
        action="review", instance=process, actor=by, changes={"flag": [None, code]}, reason=reason
    )
    return review


@transaction.atomic
def document_add(
    *, by, process: Process, stage: str, document_type: str, title: str, published_on: date,
    file=None, withheld: bool = False,
) -> Document:  # fmt: skip
    """Attach a tender, award or contract document; it stays private until the award is
    published (and for good when `withheld`)."""
    process = lock_current(process)
    problems = {}
    if not (title or "").strip():
        problems["title"] = [_("Give the document's title.")]
    if stage == "award" and not hasattr(process, "award"):
        problems["stage"] = [_("Record the award before its documents.")]
    if stage == "contract" and not hasattr(process, "contract"):
        problems["stage"] = [_("Record the signed contract before its documents.")]
    rules.raise_problems(problems)
    document = Document(
        process=process, stage=stage, document_type=document_type, title=title.strip(),
        published_on=published_on, withheld=withheld,
    )  # fmt: skip
    if file:
        document.file = file
    document.full_clean()
    document.save()
    record_event(
        action="create",
        instance=document,
        actor=by,
        changes={"title": [None, document.title], "stage": [None, stage]},
    )
    publish_process(process)
    return document


@transaction.atomic
def complaint_decide(
    *, by, complaint: Complaint, outcome: str, decided_on: date | None,
    expected_version: int | None = None,
) -> Complaint:  # fmt: skip
    """Record the outcome of a complaint about an award."""
    complaint = lock_current(complaint, expected_version=expected_version)
    problems = {}
    if outcome != "pending" and decided_on is None:
        problems["decided_on"] = [_("Give the date of the decision.")]
    if decided_on and decided_on < complaint.received_on:
        problems["decided_on"] = [_("A complaint cannot be decided before it is received.")]
    rules.raise_problems(problems)
    before = complaint.outcome
    complaint.outcome, complaint.decided_on = outcome, decided_on
    complaint.save(update_fields=["outcome", "decided_on"])
    record_event(
        action="update", instance=complaint, actor=by, changes={"outcome": [before, outcome]}
    )
    publish_process(complaint.award.process)
    return complaint


@transaction.atomic
def milestone_met(*, by, milestone: ContractMilestone, met_on: date) -> ContractMilestone:
    """Say when a contract milestone was met (a date after its due date is a delay)."""
    if met_on is None:
        raise ValidationError({"met_on": [_("Give the date the milestone was met.")]})
    before = milestone.met_on
    milestone.met_on = met_on
    milestone.save(update_fields=["met_on"])
    record_event(
        action="update", instance=milestone, actor=by, changes={"met_on": [before, met_on]}
    )
    publish_process(milestone.contract.process)
    return milestone
