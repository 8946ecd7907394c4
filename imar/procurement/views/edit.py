"""Staff forms of procurement: one page per stage, each a call of one service (which checks
the rules, writes in one transaction and audits). A refusal comes back next to its field;
an edit saved by someone else meanwhile shows their changes (optimistic versions)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core.forms import bootstrap_widgets
from imar.core.versioning import StaleVersion
from imar.portfolio.views.access import project_or_404
from imar.procurement import forms, selectors, services
from imar.procurement.enums import ProcessStatus

S = ProcessStatus


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _save(form, call):
    """Run a service; its refusals become form errors and nothing is kept. A stale edit
    raises `StaleVersion` for the view to merge."""
    try:
        with transaction.atomic():
            return call()
    except StaleVersion:
        raise
    except ValidationError as error:
        _errors_to_form(form, error)
    return None


def _page(request, form, *, title, process=None, project=None, intro="", multipart=False):
    bootstrap_widgets(form)
    return render(
        request,
        "procurement/form_page.html",
        {
            "form": form,
            "title": title,
            "process": process,
            "project": project or (process.project if process else None),
            "intro": intro,
            "multipart": multipart,
        },
    )


def _stage(
    request,
    form,
    *,
    call,
    done,
    title,
    process=None,
    project=None,
    intro="",
    multipart=False,
    fresh=None,
    then=None,
):
    """One stage form: on a valid POST, `call(data)` runs the stage's service with the
    form's cleaned data; saved, `done` is said and the browser goes to `then(saved)` (the
    process by default). A refusal comes back on the form; a stale edit comes back merged
    into `fresh(current)`, the form of the record as it now is."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(form, lambda: call(form.cleaned_data))
        except StaleVersion as stale:
            if fresh is None:
                raise
            form = form.merge_into(fresh(stale.current))
        else:
            if saved is not None:
                messages.success(request, done)
                return redirect(then(saved) if then else process)
    return _page(
        request,
        form,
        title=title,
        process=process,
        project=project,
        intro=intro,
        multipart=multipart,
    )


def _editable(request, pk: int):
    """The process, if the user may see it and edit its project."""
    process = get_object_or_404(selectors.visible_processes(request.user), pk=pk)
    if not permissions.can_edit_project(request.user, process.project):
        raise PermissionDenied
    return process


def _contract(process):
    contract = getattr(process, "contract", None)
    if contract is None:
        raise PermissionDenied
    return contract


@staff_required
def process_new(request, code: str):
    project = project_or_404(request.user, code)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    initial = {"currency": project.currency, "title_ar": project.title_ar}
    initial |= {"title_en": project.title_en, "year": (project.planned_start or _today()).year}
    form = forms.ProcessForm(request.POST or None, initial=initial, user=request.user)
    return _stage(
        request,
        form,
        call=lambda data: services.process_save(
            by=request.user, project=project, fields=form.changes()
        ),
        done=_("The contracting process is created."),
        title=_("New contracting process"),
        project=project,
        then=lambda process: process,
    )


def _today():
    from django.utils import timezone

    return timezone.localdate()


@staff_required
def process_edit(request, pk: int):
    process = _editable(request, pk)
    form = forms.ProcessForm(request.POST or None, instance=process, user=request.user)
    return _stage(
        request,
        form,
        call=lambda data: services.process_save(
            by=request.user,
            process=process,
            fields=form.changes(),
            expected_version=form.expected_version,
        ),
        done=_("The contracting process is saved."),
        title=_("Planning and tender"),
        process=process,
        fresh=lambda current: forms.ProcessForm(instance=current, user=request.user),
    )


@staff_required
def process_status(request, pk: int):
    process = _editable(request, pk)
    form = forms.TransitionForm(request.POST or None, process=process)
    return _stage(
        request,
        form,
        call=lambda data: services.process_transition(
            process=process,
            to=data["to"],
            by=request.user,
            reason=data["reason"],
            expected_version=form.expected_version,
        ),
        done=_("The status is changed."),
        title=_("Change the status"),
        process=process,
        intro=_("Award, contract and termination have their own forms."),
        fresh=lambda current: forms.TransitionForm(process=current),
    )


@staff_required
def document_add(request, pk: int):
    process = _editable(request, pk)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    return _stage(
        request,
        form,
        call=lambda data: services.document_add(by=request.user, process=process, **data),
        done=_("The document is added."),
        title=_("Add a document"),
        process=process,
        multipart=True,
    )


@staff_required
def bid_add(request, pk: int):
    process = _editable(request, pk)
    form = forms.BidForm(
        request.POST or None, initial={"currency": process.currency}, user=request.user
    )
    return _stage(
        request,
        form,
        call=lambda data: services.bid_record(by=request.user, process=process, **data),
        done=_("The bid is recorded."),
        title=_("Record a bid"),
        process=process,
    )


@staff_required
def bid_status(request, pk: int, bid: int):
    process = _editable(request, pk)
    row = get_object_or_404(process.bids, pk=bid)
    form = forms.BidStatusForm(request.POST or None, bid=row)
    return _stage(
        request,
        form,
        call=lambda data: services.bid_set_status(
            by=request.user,
            bid=row,
            status=data["status"],
            reason=data["status_reason"],
            expected_version=form.expected_version,
        ),
        done=_("The bid's status is saved."),
        title=_("Status of the bid of %(bidder)s") % {"bidder": row.bidder},
        process=process,
        fresh=lambda current: forms.BidStatusForm(bid=current),
    )


@staff_required
def award(request, pk: int):
    process = _editable(request, pk)
    form = forms.AwardForm(request.POST or None, process=process, user=request.user)
    return _stage(
        request,
        form,
        call=lambda data: services.award_record(by=request.user, process=process, **data),
        done=_("The award is recorded."),
        title=_("Record the award"),
        process=process,
        intro=_(
            "Evaluation ends with the award: choose the winning valid bid, the standstill period "
            "during which losing bidders may complain, and the evaluation report."
        ),
    )


@staff_required
def complaint_add(request, pk: int):
    process = _editable(request, pk)
    award_row = getattr(process, "award", None)
    if award_row is None:
        raise PermissionDenied
    form = forms.ComplaintForm(request.POST or None, user=request.user)
    return _stage(
        request,
        form,
        call=lambda data: services.complaint_record(by=request.user, award=award_row, **data),
        done=_("The complaint is recorded."),
        title=_("Record a complaint"),
        process=process,
    )


@staff_required
def complaint_decide(request, pk: int, complaint: int):
    process = _editable(request, pk)
    row = get_object_or_404(process.award.complaints, pk=complaint)
    form = forms.ComplaintDecisionForm(request.POST or None, complaint=row)
    return _stage(
        request,
        form,
        call=lambda data: services.complaint_decide(
            by=request.user,
            complaint=row,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            expected_version=form.expected_version,
        ),
        done=_("The outcome is saved."),
        title=_("Outcome of the complaint"),
        process=process,
        fresh=lambda current: forms.ComplaintDecisionForm(complaint=current),
    )


@staff_required
def contract_sign(request, pk: int):
    process = _editable(request, pk)
    form = forms.ContractForm(request.POST or None, process=process, user=request.user)
    return _stage(
        request,
        form,
        call=lambda data: services.contract_sign(by=request.user, process=process, **data),
        done=_("The signed contract is recorded."),
        title=_("Record the signed contract"),
        process=process,
    )


@staff_required
def milestone_add(request, pk: int):
    process = _editable(request, pk)
    contract = _contract(process)
    form = forms.MilestoneForm(request.POST or None)
    return _stage(
        request,
        form,
        call=lambda data: services.milestone_record(by=request.user, contract=contract, **data),
        done=_("The milestone is added."),
        title=_("Add a contract milestone"),
        process=process,
    )


@staff_required
def milestone_met(request, pk: int, milestone: int):
    process = _editable(request, pk)
    row = get_object_or_404(_contract(process).milestones, pk=milestone)
    form = forms.MilestoneMetForm(request.POST or None, initial={"met_on": row.met_on})
    return _stage(
        request,
        form,
        call=lambda data: services.milestone_met(
            by=request.user, milestone=row, met_on=data["met_on"]
        ),
        done=_("The milestone is saved."),
        title=row.title,
        process=process,
    )


@staff_required
def payment_add(request, pk: int):
    process = _editable(request, pk)
    contract = _contract(process)
    form = forms.PaymentForm(request.POST or None, contract=contract)
    return _stage(
        request,
        form,
        call=lambda data: services.payment_link(by=request.user, contract=contract, **data),
        done=_("The payment is linked."),
        title=_("Link a payment"),
        process=process,
        intro=_(
            "A contract payment is one of the project's disbursements recorded under Money; "
            "here it is only linked to the contract."
        ),
    )


@staff_required
def amendment_add(request, pk: int):
    process = _editable(request, pk)
    contract = _contract(process)
    form = forms.AmendmentForm(request.POST or None, contract=contract)
    return _stage(
        request,
        form,
        call=lambda data: services.amendment_record(
            by=request.user,
            contract=contract,
            expected_version=form.expected_version,
            **form.changes(),
        ),
        done=_("The amendment is recorded."),
        title=_("Amend the contract"),
        process=process,
        fresh=lambda current: forms.AmendmentForm(contract=current),
    )


@staff_required
def terminate(request, pk: int):
    process = _editable(request, pk)
    contract = _contract(process)
    form = forms.TerminationForm(request.POST or None, contract=contract)

    def call(data):
        changes = form.changes()
        return services.contract_terminate(
            by=request.user,
            contract=contract,
            terminated_on=changes["terminated_on"],
            reason=changes["termination_reason"],
            expected_version=form.expected_version,
        )

    return _stage(
        request,
        form,
        call=call,
        done=_("The contract is terminated."),
        title=_("Terminate the contract"),
        process=process,
        fresh=lambda current: forms.TerminationForm(contract=current),
    )


@staff_required
def exemption(request, code: str):
    """A fund officer records that a project goes on to implementation without a contracting
    process, and why (the lifecycle then lets it past procurement)."""
    project = project_or_404(request.user, code)
    if not permissions.is_officer(request.user):
        raise PermissionDenied
    current = getattr(project, "procurement_exemption", None)
    form = forms.ExemptionForm(
        request.POST or None, initial={"reason": current.reason if current else ""}
    )
    return _stage(
        request,
        form,
        call=lambda data: services.exemption_record(
            by=request.user, project=project, reason=data["reason"]
        ),
        done=_("The procurement exemption is recorded."),
        title=_("Procurement exemption"),
        project=project,
        intro=_(
            "A project normally reaches implementation through an awarded, signed contract. "
            "An exemption lets it go on without one; the reason is kept in the audit trail."
        ),
        then=lambda saved: project,
    )
