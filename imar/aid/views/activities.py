from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.accounts import permissions
from imar.accounts.permissions import can_manage_partners
from imar.aid import selectors, services
from imar.aid.enums import (
    ACTIVITY_STATUSES,
    COUNTED_TYPES,
    TRANSACTION_TYPES,
    CountingSource,
    LinkStatus,
)
from imar.aid.filters import ActivityFilterSet
from imar.aid.models import ActivityLink, DonorActivity
from imar.aid.reasons import reason_text
from imar.aid.views.access import officer, staff
from imar.core import list_export as export
from imar.portfolio.currency import DISPLAY_CURRENCIES, RateTable, display_currency
from imar.portfolio.models import Project

PAGE_SIZE = 25


def activity_fields() -> list[export.Field]:
    """The columns of the donors' activities list as a spreadsheet."""
    return [
        export.Field(_("IATI identifier"), lambda a: a.iati_identifier, 30),
        export.Field(_("Title"), lambda a: a.title, 40),
        export.Field(_("Reporting organization"), lambda a: a.reporting_org.name, 30),
        export.Field(_("Reporting organization ref"), lambda a: a.reporting_org_ref, 16),
        export.Field(_("Districts"), lambda a: [d.name for d in a.districts.all()], 24),
        export.Field(_("Status"), lambda a: ACTIVITY_STATUSES.get(a.status, a.status)),
        export.day(_("Start"), lambda a: a.start_date),
        export.day(_("End"), lambda a: a.end_date),
        export.Field(_("Linked"), lambda a: _("Yes") if a.is_linked else _("No"), 9),
        export.Field(_("Source file"), lambda a: a.source_file_name, 24),
    ]


@login_required
def activity_list(request):
    staff(request.user)
    filterset = ActivityFilterSet(request.GET, queryset=selectors.activities())
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="donor-activities",
            title=_("Donors' activities"),
            fields=activity_fields(),
            rows=filterset.qs,
        )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "aid/activity_list.html",
        {
            "filter": filterset,
            "page": page,
            "statuses": ACTIVITY_STATUSES,
            "to_review": selectors.activities().filter(reporting_org_needs_review=True).count(),
            "can_import": can_manage_partners(request.user),
        },
    )


@login_required
def where(request):
    staff(request.user)
    currency = display_currency(request)
    return render(
        request,
        "aid/where.html",
        {
            "data": selectors.who_does_what_where(currency=currency),
            "currency": currency,
            "currencies": DISPLAY_CURRENCIES,
            "public": False,
        },
    )


def _counted():
    return [(code, TRANSACTION_TYPES[code]) for code in COUNTED_TYPES]


def _transaction_rows(activity, rates):
    rows = []
    for tx in activity.transactions.all():
        from imar.aid.totals import convert

        lyd = convert(rates, tx.value, tx.currency, "LYD", tx.rate_day)
        rows.append(
            {"tx": tx, "label": TRANSACTION_TYPES.get(tx.type_code, tx.type_code), "lyd": lyd}
        )
    return rows


@login_required
def activity_detail(request, pk: int):
    staff(request.user)
    activity = get_object_or_404(
        DonorActivity.objects.select_related("reporting_org", "run"), pk=pk
    )
    # Only links to projects this user may read (an engineer: their districts').
    links = list(
        permissions.visible_related(
            request.user, ActivityLink.objects.filter(activity=activity)
        ).select_related("project", "project__municipality")
    )
    for link in links:
        link.reason_texts = [reason_text(r) for r in link.reasons]
        link.sources = [(code, label, link.source_for(code)) for code, label in _counted()]
    return render(
        request,
        "aid/activity_detail.html",
        {
            "activity": activity,
            "status_label": ACTIVITY_STATUSES.get(activity.status, activity.status),
            "transactions": _transaction_rows(activity, RateTable.load()),
            "totals": selectors.transaction_totals(activity),
            "type_labels": TRANSACTION_TYPES,
            "links": links,
            "counted_types": _counted(),
            "sources": CountingSource.choices,
            "can_decide": can_manage_partners(request.user),
            "events": selectors.link_events(links),
            "show_xml": request.GET.get("xml") == "1",
        },
    )


@login_required
@require_POST
def link_decide(request, pk: int):
    officer(request.user)
    activity = get_object_or_404(DonorActivity, pk=pk)
    status = request.POST.get("status")
    code = (request.POST.get("project_code") or "").strip()
    project_id = request.POST.get("project")
    project = None
    if project_id and project_id.isdigit():
        project = Project.objects.filter(pk=int(project_id)).first()
    elif code:
        project = Project.objects.filter(code__iexact=code).first()
    if project is None or status not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED):
        messages.error(request, _("Project: no project with this code."))
        return redirect(activity.get_absolute_url())
    services.link_decide(by=request.user, activity=activity, project=project, status=status)
    if status == LinkStatus.CONFIRMED:
        messages.success(request, _("Match confirmed: %(code)s.") % {"code": project.code})
    else:
        messages.info(request, _("Match rejected: %(code)s.") % {"code": project.code})
    return redirect(activity.get_absolute_url())


@login_required
@require_POST
def link_counting(request, pk: int):
    officer(request.user)
    link = get_object_or_404(ActivityLink, pk=pk, status=LinkStatus.CONFIRMED)
    changed = False
    for code in COUNTED_TYPES:
        source = request.POST.get(f"counting_{code}")
        if source in CountingSource.values and source != link.source_for(code):
            link = services.link_counting(by=request.user, link=link, type_code=code, source=source)
            changed = True
    if changed:
        messages.success(request, _("Which record counts was saved."))
    return redirect(link.activity.get_absolute_url())
