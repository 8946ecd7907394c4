"""The money page: what was committed, paid and spent in a year or period, by district and
region, and the transactions behind the figures (with rates and override reasons)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core import list_export as export
from imar.core.text import parse_iso_date
from imar.geo.models import District
from imar.monitoring.models import Transaction, TransactionKind
from imar.monitoring.money_summary import Period, by_district, in_period
from imar.portfolio.models import Project


def period_of(request) -> tuple[Period, list[str]]:
    """The fiscal year (`year`) and dates (`start`, `end`) asked for, and the errors of any
    that is not one (each naming its field)."""
    errors = []
    year = request.GET.get("year", "")
    period = Period(start_month=settings.IMAR_FISCAL_YEAR_START_MONTH)
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


def fiscal_start_label() -> str:
    """The month the fiscal year starts, named in the page's language ("" for January)."""
    from django.utils.dates import MONTHS

    month = settings.IMAR_FISCAL_YEAR_START_MONTH
    return "" if month == 1 else str(MONTHS[month])


def year_choices() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year + 1, this_year - 8, -1))


def transaction_fields() -> list[export.Field]:
    """The columns of the transaction list's export (translated when called)."""

    def name(attr):
        return lambda t: getattr(t, attr) and getattr(t, attr).name

    return [
        export.day(_("Date"), lambda t: t.date),
        export.Field(_("Project"), lambda t: t.project.code, 14),
        export.Field(_("Title"), lambda t: t.project.title, 40),
        export.Field(
            _("District"),
            lambda t: t.project.municipality and t.project.municipality.district.name,
        ),
        export.Field(_("Kind"), lambda t: t.get_kind_display()),
        export.money(_("Amount"), lambda t: t.amount),
        export.Field(_("Currency"), lambda t: t.currency, 9),
        export.Field(_("Rate"), lambda t: t.rate, 10, "0.0000"),
        export.money(_("In LYD"), lambda t: t.amount_lyd),
        export.Field(_("Provider"), name("provider"), 30),
        export.Field(_("Receiver"), name("receiver"), 30),
        export.Field(_("Override reason"), lambda t: t.override_reason, 40),
        export.Field(
            _("Overridden by"),
            lambda t: t.override_by and (t.override_by.get_full_name() or t.override_by.username),
        ),
    ]


@staff_required
def money(request):
    projects = permissions.visible_projects(request.user, Project.objects.all())
    transactions = Transaction.objects.filter(project__in=projects)
    period, errors = period_of(request)
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
    if (fmt := export.export_format(request)) and not errors:
        return export.export_response(
            fmt,
            name="transactions",
            title=_("Transactions"),
            fields=transaction_fields(),
            rows=listed.iterator(chunk_size=500),
        )
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
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
            "all_time": not period.is_set,
            "bounds": period.bounds(),
            "years": year_choices(),
            "fiscal_start": fiscal_start_label(),
            "district_choices": District.objects.order_by("name_en"),
            "kind_choices": TransactionKind.choices,
            "can_record_money": permissions.can_record_money(request.user),
        },
    )
