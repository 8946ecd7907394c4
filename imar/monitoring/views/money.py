"""The money page: what was committed, paid and spent in a year or period, by district and
region, and the transactions behind the figures (with rates and override reasons)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core.text import parse_iso_date
from imar.geo.models import District
from imar.monitoring.models import Transaction, TransactionKind
from imar.monitoring.money_summary import Period, by_district, in_period
from imar.portfolio.models import Project


def _period(request) -> tuple[Period, list[str]]:
    errors = []
    year = request.GET.get("year", "")
    period = Period()
    if year:
        if year.isdigit() and 1990 <= int(year) <= 2100:
            period.year = int(year)
        else:
            errors.append(_("Year: enter a year such as 2026."))
    for name, label in (("start", _("From")), ("end", _("To"))):
        raw = request.GET.get(name, "")
        if raw:
            value = parse_iso_date(raw)
            if value is None:
                errors.append(_("%(field)s: enter a date as YYYY-MM-DD.") % {"field": label})
            else:
                setattr(period, name, value)
    return period, errors


@staff_required
def money(request):
    projects = permissions.visible_projects(request.user, Project.objects.all())
    transactions = Transaction.objects.filter(project__in=projects)
    period, errors = _period(request)
    district = request.GET.get("district", "")
    kind = request.GET.get("kind", "")
    if district:
        transactions = transactions.filter(project__municipality__district__iso_code=district)
    if kind in TransactionKind.values:
        transactions = transactions.filter(kind=kind)
    transactions = in_period(transactions, period)
    summary = by_district(transactions)
    listed = transactions.select_related(
        "project", "project__municipality__district", "provider", "receiver", "override_by"
    ).order_by("-date", "-id")
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    this_year = timezone.localdate().year
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/money.html",
        {
            "summary": summary,
            "page": page,
            "errors": errors,
            "filters": {
                "year": request.GET.get("year", ""),
                "start": request.GET.get("start", ""),
                "end": request.GET.get("end", ""),
                "district": district,
                "kind": kind,
            },
            "query": query.urlencode(),
            # Committed minus paid means something over all time only: in a period, payments
            # settle commitments made before it.
            "all_time": not (period.year or period.start or period.end),
            "years": list(range(this_year + 1, this_year - 8, -1)),
            "district_choices": District.objects.order_by("name_en"),
            "kind_choices": TransactionKind.choices,
            "can_record_money": permissions.can_record_money(request.user),
        },
    )
