"""Portfolio figures for the dashboards, aggregated in SQL.

Progress and the SPI/CPI figures cover projects whose works have started (under
implementation, suspended or completed).

Money comes from ProjectFigures (kept current by every write, in LYD at each
transaction's date); budgets from Project, summed per currency in SQL and converted at
the latest rate; EVM indices of a group are ΣEV/ΣPV and ΣEV/ΣAC (see portfolio.evm).
"""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from imar.geo.models import District
from imar.portfolio import evm
from imar.portfolio.currency import BASE, ConversionError, RateTable
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.sectors import Sector

ZERO = Decimal(0)
# Earned value applies once works have started: a project still in procurement has no
# earned value to compare, and would drag every index to zero.
EVM_STATUSES = [ProjectStatus.IMPLEMENTATION, ProjectStatus.SUSPENDED, ProjectStatus.COMPLETED]
STARTED = Q(status__in=EVM_STATUSES)
MONEY = {
    "committed": Sum("figures__committed_lyd"),
    "disbursed": Sum("figures__disbursed_lyd"),
    "spent": Sum("figures__spent_lyd"),
    "started_spent": Sum("figures__spent_lyd", filter=STARTED),
    "bac": Sum("figures__budget_lyd", filter=STARTED),
    "pv": Sum("figures__pv", filter=STARTED),
    "ev": Sum("figures__ev", filter=STARTED),
}
# Index buckets: [low, high) with None for open ends; the labels are the bounds.
BUCKETS = [(None, "0.8"), ("0.8", "0.9"), ("0.9", "1.0"), ("1.0", "1.1"), ("1.1", None)]


def _bucket_counts(field: str) -> dict:
    counts = {}
    for low, high in BUCKETS:
        q = STARTED & Q(**{f"figures__{field}__isnull": False})
        if low:
            q &= Q(**{f"figures__{field}__gte": Decimal(low)})
        if high:
            q &= Q(**{f"figures__{field}__lt": Decimal(high)})
        counts[f"{field}_{low or ''}_{high or ''}"] = Count("id", filter=q)
    return counts


def _budget_by(queryset: QuerySet, key: str | None, rates: RateTable) -> dict:
    """Σ budget in LYD per group `key` (summed per currency in SQL, then converted)."""
    fields = ["currency"] + ([key] if key else [])
    rows = queryset.values(*fields).annotate(total=Sum("budget")).order_by()
    today = timezone.localdate()
    out: dict = {}
    for row in rows:
        total = row["total"] or ZERO
        try:
            lyd = rates.convert(total, row["currency"], BASE, today)
        except ConversionError:
            lyd = ZERO  # shown as missing rates below, never guessed
        out[row.get(key)] = out.get(row.get(key), ZERO) + lyd
    return out


def _group_metrics(row: dict) -> dict:
    m = evm.compute_metrics(
        timezone.localdate(),
        row["bac"] or ZERO,
        row["pv"] or ZERO,
        row["ev"] or ZERO,
        row["started_spent"] or ZERO,
        project_count=row.get("projects", 0),
    ).quantized()
    return {
        "spi": m.spi,
        "cpi": m.cpi,
        "percent_complete": m.percent_complete,
        "percent_planned": m.percent_planned,
    }


def portfolio_figures(queryset: QuerySet) -> dict:
    """Totals, groups and index distributions for the projects in `queryset` (in LYD)."""
    rates = RateTable.load()
    totals = queryset.aggregate(
        projects=Count("id"), **MONEY, **_bucket_counts("spi"), **_bucket_counts("cpi")
    )
    totals["budget"] = sum(_budget_by(queryset, None, rates).values(), ZERO)
    totals.update(_group_metrics(totals))
    by_status = dict(queryset.values_list("status").annotate(n=Count("id")).order_by())
    statuses = [
        {"code": code, "label": label, "count": by_status.get(code, 0)}
        for code, label in ProjectStatus.choices
    ]
    district_key = "municipality__district_id"
    budgets = _budget_by(queryset, district_key, rates)
    districts = {d.id: d for d in District.objects.all()}
    by_district = []
    for row in queryset.values(district_key).annotate(projects=Count("id"), **MONEY).order_by():
        district = districts[row[district_key]]
        row.update(_group_metrics(row), budget=budgets.get(district.id, ZERO))
        row.update(code=district.iso_code, label=district.name, district=district)
        by_district.append(row)
    by_district.sort(key=lambda r: -(r["budget"] or ZERO))
    budgets = _budget_by(queryset, "sector", rates)
    labels = dict(Sector.choices)
    by_sector = []
    for row in queryset.values("sector").annotate(projects=Count("id"), **MONEY).order_by():
        row.update(_group_metrics(row), budget=budgets.get(row["sector"], ZERO))
        row.update(code=row["sector"], label=str(labels.get(row["sector"], row["sector"])))
        by_sector.append(row)
    by_sector.sort(key=lambda r: -(r["budget"] or ZERO))
    return {
        "totals": totals,
        "statuses": statuses,
        "by_district": by_district,
        "by_sector": by_sector,
        "spi_buckets": _buckets(totals, "spi"),
        "cpi_buckets": _buckets(totals, "cpi"),
    }


def _buckets(totals: dict, field: str) -> list[dict]:
    out = []
    for low, high in BUCKETS:
        label = f"< {high}" if low is None else (f"≥ {low}" if high is None else f"{low}–{high}")
        out.append({"label": label, "count": totals[f"{field}_{low or ''}_{high or ''}"]})
    return out


def in_currency(amount: Decimal | None, currency: str, rates: RateTable) -> Decimal | None:
    """An LYD figure shown in `currency` at the latest rate (None when there is no rate)."""
    if amount is None or currency == BASE:
        return amount
    try:
        return rates.convert(amount, BASE, currency, timezone.localdate())
    except ConversionError:
        return None
