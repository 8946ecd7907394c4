"""Staff dashboards: the portfolio overview, the attention list and district pages."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.core import list_export as export
from imar.geo.models import District
from imar.monitoring import alerts
from imar.monitoring.dashboard import in_currency, portfolio_figures
from imar.monitoring.models import Transaction
from imar.monitoring.money_summary import Period, in_period, kind_totals, sums_by
from imar.monitoring.views.money import fiscal_start_label, period_of, year_choices
from imar.portfolio.currency import RateTable, display_currency
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector

MONEY_KEYS = ("budget", "committed", "disbursed", "spent", "bac", "pv", "ev")


def _filtered(request, queryset):
    district = request.GET.get("district", "")
    sector = request.GET.get("sector", "")
    if district:
        queryset = queryset.filter(municipality__district__iso_code=district)
    if sector:
        queryset = queryset.filter(sector=sector)
    return queryset, {"district": district, "sector": sector}


def _filter_choices():
    return {
        "district_choices": District.objects.order_by("name_en"),
        "sector_choices": Sector.choices,
    }


def _in_display(figures: dict, currency: str) -> None:
    """Convert every money figure to the display currency, in place (LYD stays as is)."""
    rates = RateTable.load([currency]) if currency != "LYD" else None
    rows = [figures["totals"], *figures["by_district"], *figures["by_sector"]]
    for row in rows:
        for key in MONEY_KEYS:
            if key in row and rates is not None:
                row[key] = in_currency(row[key] or Decimal(0), currency, rates)


def _chart_data(figures: dict) -> dict:
    def num(value):
        return float(value or 0)

    return {
        "statuses": [[s["label"], s["count"]] for s in figures["statuses"]],
        "districts": [
            [
                r["label"],
                num(r["budget"]),
                num(r["committed"]),
                num(r["disbursed"]),
                num(r["spent"]),
                num(r["percent_complete"]),
                num(r["percent_planned"]),
            ]
            for r in figures["by_district"]
        ],
        "sectors": [
            [
                r["label"],
                num(r["budget"]),
                num(r["committed"]),
                num(r["disbursed"]),
                num(r["spent"]),
                num(r["percent_complete"]),
                num(r["percent_planned"]),
            ]
            for r in figures["by_sector"]
        ],
        "spi": [[b["label"], b["count"]] for b in figures["spi_buckets"]],
        "cpi": [[b["label"], b["count"]] for b in figures["cpi_buckets"]],
    }


PERIOD_KEYS = {"committed": "commitment", "disbursed": "disbursement", "spent": "expenditure"}


def money_in_period(figures: dict, projects, period: Period) -> None:
    """Replace the committed, disbursed and spent figures (all time, from ProjectFigures) by
    what the transactions of `projects` dated in `period` add up to, in LYD at each one's own
    rate: "committed and paid this year by district". Budgets and indices stay as they are."""
    transactions = in_period(Transaction.objects.filter(project__in=projects), period)
    groups = [
        (
            figures["by_district"],
            sums_by(transactions, "project__municipality__district__iso_code"),
        ),
        (figures["by_sector"], sums_by(transactions, "project__sector")),
    ]
    for rows, sums in groups:
        for row in rows:
            found = sums.get(row["code"], {})
            for key, kind in PERIOD_KEYS.items():
                row[key] = found.get(kind, Decimal(0))
    totals = kind_totals(transactions)
    for key, kind in PERIOD_KEYS.items():
        figures["totals"][key] = totals[kind]


def dashboard_fields(currency: str) -> list[export.Field]:
    """The dashboard's export: one line per district, per sector, and the total."""

    def opt(key):
        return lambda row: row.get(key)

    money = f" ({currency})"
    return [
        export.Field(_("Group"), lambda row: row["group"], 12),
        export.Field(_("Code"), lambda row: row.get("code", ""), 12),
        export.Field(_("Name"), lambda row: row.get("label", ""), 28),
        export.integer(_("Projects"), opt("projects")),
        export.money(_("Budget") + money, opt("budget")),
        export.money(_("Committed") + money, opt("committed")),
        export.money(_("Disbursed") + money, opt("disbursed")),
        export.money(_("Spent") + money, opt("spent")),
        export.Field(_("Progress (%)"), opt("percent_complete"), 12, "0.0"),
        export.Field(_("Planned (%)"), opt("percent_planned"), 12, "0.0"),
        export.Field(_("SPI"), opt("spi"), 8, "0.000"),
        export.Field(_("CPI"), opt("cpi"), 8, "0.000"),
    ]


def dashboard_rows(figures: dict) -> list[dict]:
    rows = [{**row, "group": _("District")} for row in figures["by_district"]]
    rows += [{**row, "group": _("Sector")} for row in figures["by_sector"]]
    rows.append({**figures["totals"], "group": _("Total"), "label": _("Total")})
    return rows


@staff_required
def dashboard(request):
    projects = permissions.visible_projects(request.user, Project.objects.all())
    projects, filters = _filtered(request, projects)
    period, period_errors = period_of(request)
    currency = display_currency(request)
    figures = portfolio_figures(projects)
    if period.is_set and not period_errors:
        money_in_period(figures, projects, period)
    _in_display(figures, currency)
    # A filter in error gives the page with the error naming it, not a file of other figures.
    if (fmt := export.export_format(request)) and not period_errors:
        return export.export_response(
            fmt,
            name="dashboard",
            title=_("Portfolio dashboard"),
            fields=dashboard_fields(currency),
            rows=dashboard_rows(figures),
        )
    flagged_count = alerts.flagged(projects).count()
    filters.update(
        year=request.GET.get("year", ""),
        start=request.GET.get("start", ""),
        end=request.GET.get("end", ""),
    )
    context = {
        **figures,
        **_filter_choices(),
        "filters": filters,
        "currency": currency,
        "flagged_count": flagged_count,
        "chart_data": _chart_data(figures),
        "today": timezone.localdate(),
        "errors": period_errors,
        "all_time": not period.is_set or bool(period_errors),
        "bounds": period.bounds(),
        "years": year_choices(),
        "fiscal_start": fiscal_start_label(),
    }
    return render(request, "monitoring/dashboard.html", context)


# The attention list's sortable columns: ?sort=<key> (ascending) or ?sort=-<key>.
ATTENTION_SORTS = {
    "spi": ("figures__spi", "code"),
    "cpi": ("figures__cpi", "code"),
    "code": ("code",),
    "district": ("municipality__district__name_en", "code"),
    "end": ("planned_end", "code"),
}


def attention_order(sort: str) -> tuple[str, tuple[str, ...]]:
    key = sort.lstrip("-")
    if key not in ATTENTION_SORTS:
        return "spi", ATTENTION_SORTS["spi"]
    fields = ATTENTION_SORTS[key]
    if sort.startswith("-"):
        fields = tuple(f"-{name}" if name != "code" else name for name in fields)
    return sort, fields


def _flagged(request, projects):
    _sort, order = attention_order(request.GET.get("sort", ""))
    return (
        alerts.flagged(projects)
        .select_related("figures", "municipality__district")
        .order_by(*order)
    )


def _with_reasons(projects):
    for project in projects:
        project.alert_reasons = alerts.reasons(project)
        yield project


def attention_fields() -> list[export.Field]:
    def figure(name):
        return lambda p: getattr(getattr(p, "figures", None), name, None)

    return [
        export.Field(_("Code"), lambda p: p.code, 14),
        export.Field(_("Title"), lambda p: p.title, 40),
        export.Field(_("District"), lambda p: p.municipality and p.municipality.district.name),
        export.Field(_("Status"), lambda p: p.get_status_display()),
        export.day(_("Planned end"), lambda p: p.planned_end),
        export.Field(_("SPI"), figure("spi"), 8, "0.000"),
        export.Field(_("CPI"), figure("cpi"), 8, "0.000"),
        # The reasons keep their isolates: a date inside an Arabic sentence keeps its order
        # in the cell as on the page.
        export.Field(_("Why"), lambda p: " ".join(p.alert_reasons), 60),
    ]


def _flagged_page(request, projects, per_page=50):
    flagged = _flagged(request, projects)
    page = Paginator(flagged, per_page).get_page(request.GET.get("page"))
    for project in page:
        project.alert_reasons = alerts.reasons(project)
    return page


@staff_required
def attention(request):
    """Projects that are late, over budget or without recent verified reports, and why."""
    projects = permissions.visible_projects(request.user, Project.objects.all())
    projects, filters = _filtered(request, projects)
    if fmt := export.export_format(request):
        return export.export_response(
            fmt,
            name="attention",
            title=_("Projects needing attention"),
            fields=attention_fields(),
            rows=_with_reasons(_flagged(request, projects).iterator(chunk_size=500)),
        )
    context = {"page": _flagged_page(request, projects), "filters": filters, **_filter_choices()}
    query = request.GET.copy()
    query.pop("page", None)
    context["query_string"] = query.urlencode()
    query.pop("sort", None)
    context["sort_query"] = query.urlencode()
    context["sort"], _order = attention_order(request.GET.get("sort", ""))
    return render(request, "monitoring/attention.html", context)


@staff_required
def district_page(request, iso_code):
    district = get_object_or_404(District.objects.select_related("region"), iso_code=iso_code)
    districts = permissions.district_ids_of(request.user)
    if districts is not None and district.pk not in districts:
        raise Http404  # an engineer's districts are their whole map
    projects = permissions.visible_projects(
        request.user, Project.objects.filter(municipality__district=district)
    )
    currency = display_currency(request)
    figures = portfolio_figures(projects)
    _in_display(figures, currency)
    largest = projects.select_related("municipality", "figures").order_by("-budget", "code")[:50]
    context = {
        **figures,
        "district": district,
        "currency": currency,
        "projects": largest,
        "page": _flagged_page(request, projects, per_page=10),
        "chart_data": _chart_data(figures),
        "filters": {"district": district.iso_code, "sector": ""},
        "query_string": "",
    }
    return render(request, "monitoring/district.html", context)
