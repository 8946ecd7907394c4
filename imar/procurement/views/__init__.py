"""Staff pages of procurement: the contracts register and the process page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core import list_export as export
from imar.geo.models import District
from imar.organizations.models import Organization
from imar.portfolio.sectors import Sector
from imar.procurement import reasons, rules, selectors, services
from imar.procurement.enums import FINAL_STATUSES, Method, ProcessStatus
from imar.procurement.flags import CODES

S = ProcessStatus


def _explained(flags, reviews=None):
    reviews = reviews or {}
    return [
        {
            "code": f.code,
            "title": reasons.title(f.code),
            "text": reasons.explain(f),
            "review": reviews.get(f.code),
        }
        for f in flags
    ]


def register_fields() -> list[export.Field]:
    """The columns of the contracts register as a spreadsheet: a row a process."""

    def contract(row, attribute):
        value = getattr(row["process"], "contract", None)
        return getattr(value, attribute) if value else None

    return [
        export.Field(_("OCID"), lambda r: r["process"].ocid, 28),
        export.Field(_("Project code"), lambda r: r["process"].project.code, 14),
        export.Field(_("Project"), lambda r: r["process"].project.title, 40),
        export.Field(
            capfirst(_("procurement method")), lambda r: r["process"].get_method_display()
        ),
        export.Field(_("Status"), lambda r: r["process"].get_status_display()),
        export.Field(
            _("Contractor"), lambda r: getattr(contract(r, "contractor"), "name", None), 30
        ),
        export.money(_("Signed value"), lambda r: contract(r, "value")),
        export.Field(_("Currency"), lambda r: contract(r, "currency"), 9),
        export.Field(_("Red flags"), lambda r: [f["title"] for f in r["flags"]], 40),
    ]


@staff_required
def register(request):
    processes = selectors.visible_processes(request.user).order_by("-year", "ocid")
    params = request.GET
    if params.get("method") in Method.values:
        processes = processes.filter(method=params["method"])
    if params.get("contractor", "").isdigit():
        processes = processes.filter(contract__contractor_id=int(params["contractor"]))
    if params.get("district", "").isdigit():
        processes = processes.filter(project__municipality__district_id=int(params["district"]))
    if params.get("sector"):
        processes = processes.filter(project__sector=params["sector"])
    fmt = export.export_format(request)
    # The page shows the latest 500; an export holds every row the filters keep.
    processes = list(processes if fmt else processes[:500])
    flags = selectors.flags_by_process(processes)
    flag = params.get("flag")
    if flag in CODES:
        processes = [p for p in processes if any(f.code == flag for f in flags[p.pk])]
    rows = [{"process": p, "flags": _explained(flags[p.pk])} for p in processes]
    if fmt:
        return export.export_response(
            fmt,
            name="contracts-register",
            title=_("Contracts register"),
            fields=register_fields(),
            rows=rows,
        )
    return render(
        request,
        "procurement/register.html",
        {
            "rows": rows,
            "methods": Method.choices,
            "sectors": Sector.choices,
            "districts": District.objects.order_by("name_en"),
            "contractors": Organization.objects.filter(procurement_contracts__isnull=False)
            .distinct()
            .order_by("name_en"),
            "flag_choices": [(c, reasons.title(c)) for c in CODES],
            "params": params,
        },
    )


def _actions(process) -> list[tuple[str, str]]:
    """The forms that apply to the process in its status: (url name, label)."""
    status = process.status
    actions = []
    if status in (S.PLANNING, S.TENDER, S.EVALUATION):
        actions.append(("procurement:process_edit", _("Planning and tender")))
    if status in (S.TENDER, S.EVALUATION):
        actions.append(("procurement:bid_add", _("Record a bid")))
    if status == S.EVALUATION:
        actions.append(("procurement:award", _("Record the award")))
    if hasattr(process, "award"):
        actions.append(("procurement:complaint_add", _("Record a complaint")))
    if status == S.AWARDED:
        actions.append(("procurement:contract_sign", _("Record the signed contract")))
    if status == S.CONTRACTED:
        actions += [
            ("procurement:milestone_add", _("Add a contract milestone")),
            ("procurement:payment_add", _("Link a payment")),
            ("procurement:amendment_add", _("Amend the contract")),
            ("procurement:terminate", _("Terminate the contract")),
        ]
    if status not in FINAL_STATUSES:
        actions.append(("procurement:document_add", _("Add a document")))
    if rules.TRANSITIONS.get(status, set()) - rules.SERVICE_TRANSITIONS:
        actions.append(("procurement:process_status", _("Change the status")))
    return actions


@staff_required
def process_detail(request, pk: int):
    process = get_object_or_404(selectors.visible_processes(request.user), pk=pk)
    reviews = {r.code: r for r in process.flag_reviews.all()}
    flags = selectors.flags_by_process([process])[process.pk]
    timeline = process.releases.order_by("date", "id")
    return render(
        request,
        "procurement/process_detail.html",
        {
            "process": process,
            "bids": process.bids.select_related("bidder"),
            "award": getattr(process, "award", None),
            "contract": getattr(process, "contract", None),
            "flags": _explained(flags, reviews),
            "timeline": timeline,
            "can_review": permissions.can_edit(request.user),
            "can_edit": permissions.can_edit_project(request.user, process.project),
            "documents": process.documents.all(),
            "complaints": (
                process.award.complaints.select_related("complainant")
                if hasattr(process, "award")
                else []
            ),
            "actions": _actions(process),
        },
    )


@staff_required
@require_POST
def flag_review(request, pk: int):
    process = get_object_or_404(selectors.visible_processes(request.user), pk=pk)
    if not permissions.can_edit(request.user):
        messages.error(request, _("You may not review red flags."))
        return redirect(process)
    try:
        services.flag_review(
            by=request.user,
            process=process,
            code=request.POST.get("code", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for field_messages in error.message_dict.values():
            for message in field_messages:
                messages.error(request, message)
    else:
        messages.success(request, _("The review is recorded."))
    return redirect(process)


def _late(milestone, today) -> bool:
    """Met after its due date, or still not met once it is due: a delay."""
    return (milestone.met_on or today) > milestone.due_date


@staff_required
def contractor_detail(request, pk: int):
    """A contractor's contracts, amendments, delays and red flags, and the bids it lost."""
    contractor = get_object_or_404(
        permissions.visible_organizations(request.user, Organization.objects.all()), pk=pk
    )
    processes = list(
        selectors.visible_processes(request.user).filter(bids__bidder=contractor).distinct()
    )
    flags = selectors.flags_by_process(processes)
    today = timezone.localdate()
    rows = []
    for process in processes:
        contract = getattr(process, "contract", None)
        won = contract is not None and contract.contractor_id == contractor.pk
        rows.append(
            {
                "process": process,
                "won": won,
                "contract": contract if won else None,
                "amendments": list(contract.amendments.all()) if won else [],
                "late_milestones": (
                    [m for m in contract.milestones.all() if _late(m, today)] if won else []
                ),
                "flags": _explained(flags[process.pk]),
            }
        )
    return render(
        request,
        "procurement/contractor_detail.html",
        {"contractor": contractor, "rows": rows},
    )
