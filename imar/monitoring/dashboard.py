"""Portfolio figures for the dashboards, aggregated in SQL.

Progress and the SPI/CPI figures cover projects whose works have started (under
implementation, suspended or completed).

Money and budgets come from ProjectFigures (kept current by every write, in LYD by the
money policy of `portfolio.currency`: a budget at its planned start's rate, a transaction
at its date's); a budget no rate values is counted as unvalued, never as zero. EVM indices of a group are ΣEV/ΣPV and ΣEV/ΣAC (see portfolio.evm).
"""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from imar.geo.models import District
from imar.portfolio import evm
from imar.portfolio.currency import BASE, RateTable, amount_value
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.sectors import Sector

ZERO = Decimal(0)
# Earned value applies once works have started: a project still in procurement has no
# earned value to compare, and would drag every index to zero.
EVM_STATUSES = [ProjectStatus.IMPLEMENTATION, ProjectStatus.SUSPENDED, ProjectStatus.COMPLETED]
STARTED = Q(status__in=EVM_STATUSES)
MONEY = {
    "budget_lyd": Sum("figures__budget_lyd"),
    # Budgets no exchange rate values yet (or not yet computed): reported, not summed as 0.
    "budget_unvalued": Count("id", filter=Q(budget__gt=0, figures__budget_lyd__isnull=True)),
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


def _group_metrics(row: dict) -> dict:
    m = evm.compute_metrics(
        timezone.localdate(),
        Decimal(row["bac"] or 0),
        Decimal(row["pv"] or 0),
        Decimal(row["ev"] or 0),
        Decimal(row["started_spent"] or 0),
        project_count=row.get("projects", 0),
    ).quantized()
    return {
        "spi": m.spi,
        "cpi": m.cpi,
        "percent_complete": m.percent_complete,
        "percent_planned": m.percent_planned,
    }


GROUP_BY = ["municipality__district_id", "sector", "status"]


def _add(into: dict, row: dict, keys) -> None:
    for key in keys:
        into[key] = into.get(key, 0) + (row[key] or 0)


def portfolio_figures(queryset: QuerySet) -> dict:
    """Totals, groups and index distributions for the projects in `queryset` (in LYD).

    One SQL query groups the projects by district, sector and status (a
    few thousand groups at most, whatever the number of projects); the totals, districts,
    sectors and statuses are sums of those groups.
    """
    buckets = {**_bucket_counts("spi"), **_bucket_counts("cpi")}
    rows = queryset.values(*GROUP_BY).annotate(projects=Count("id"), **MONEY, **buckets).order_by()
    keys = ["projects", "budget", *MONEY, *buckets]
    totals = dict.fromkeys(keys, 0)
    districts, sectors, statuses = {}, {}, {}
    for row in rows:
        row["budget"] = row["budget_lyd"] or ZERO
        _add(totals, row, keys)
        _add(districts.setdefault(row["municipality__district_id"], {}), row, keys)
        _add(sectors.setdefault(row["sector"], {}), row, keys)
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["projects"]
    totals.update(_group_metrics(totals))
    names = {d.id: d for d in District.objects.only("id", "iso_code", "name_ar", "name_en")}
    by_district = []
    for district_id, row in districts.items():
        district = names[district_id]
        row.update(_group_metrics(row), code=district.iso_code, label=district.name)
        by_district.append(row)
    labels = dict(Sector.choices)
    by_sector = []
    for code, row in sectors.items():
        row.update(_group_metrics(row), code=code, label=str(labels.get(code, code)))
        by_sector.append(row)
    by_district.sort(key=lambda r: -r["budget"])
    by_sector.sort(key=lambda r: -r["budget"])
    return {
        "totals": totals,
        "statuses": [
            {"code": code, "label": label, "count": statuses.get(code, 0)}
            for code, label in ProjectStatus.choices
        ],
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
    """An LYD figure shown in a display currency (None when there is no rate)."""
    return amount_value(rates, amount, BASE, currency)
