"""Staff dashboards: the portfolio overview, the attention list and district pages."""

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.geo.models import District
from imar.monitoring import alerts
from imar.monitoring.dashboard import in_currency, portfolio_figures
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


@staff_required
def dashboard(request):
    projects = permissions.visible_projects(request.user, Project.objects.all())
    projects, filters = _filtered(request, projects)
    currency = display_currency(request)
    figures = portfolio_figures(projects)
    _in_display(figures, currency)
    flagged_count = alerts.flagged(projects).count()
    context = {
        **figures,
        **_filter_choices(),
        "filters": filters,
        "currency": currency,
        "flagged_count": flagged_count,
        "chart_data": _chart_data(figures),
        "today": timezone.localdate(),
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


def _flagged_page(request, projects, per_page=50):
    _sort, order = attention_order(request.GET.get("sort", ""))
    flagged = (
        alerts.flagged(projects)
        .select_related("figures", "municipality__district")
        .order_by(*order)
    )
    page = Paginator(flagged, per_page).get_page(request.GET.get("page"))
    for project in page:
        project.alert_reasons = alerts.reasons(project)
    return page


@staff_required
def attention(request):
    """Projects that are late, over budget or without recent verified reports, and why."""
    projects = permissions.visible_projects(request.user, Project.objects.all())
    projects, filters = _filtered(request, projects)
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
