"""The money page's reading: transactions in a period, summed by district and region.

Every amount is the transaction's own LYD value, fixed at its date's rate when it was recorded
(docs/money.md), so the page's totals are the dashboard's totals for the same filters.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from imar.geo.models import District
from imar.monitoring.models import TransactionKind

KINDS = [kind.value for kind in TransactionKind]


@dataclass
class Period:
    """A fiscal year and/or a date range. Fiscal year N starts on the first day of
    `start_month` in N (IMAR_FISCAL_YEAR_START_MONTH, January by default) and ends the day
    before the same day in N + 1; with both a year and dates, the period is where they meet."""

    year: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    start_month: int = 1

    def year_bounds(self) -> tuple[datetime.date, datetime.date]:
        first = datetime.date(self.year, self.start_month, 1)
        following = datetime.date(self.year + 1, self.start_month, 1)
        return first, following - datetime.timedelta(days=1)

    def bounds(self) -> tuple[datetime.date | None, datetime.date | None]:
        start, end = self.start, self.end
        if self.year:
            first, last = self.year_bounds()
            start = max(start or first, first)
            end = min(end or last, last)
        return start, end

    @property
    def is_set(self) -> bool:
        return bool(self.year or self.start or self.end)


@dataclass
class MoneyRow:
    code: str
    label: str
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(KINDS, Decimal(0)))

    @property
    def unpaid_commitment(self) -> Decimal:
        return self.amounts["commitment"] - self.amounts["disbursement"]


def in_period(transactions: QuerySet, period: Period) -> QuerySet:
    start, end = period.bounds()
    if start:
        transactions = transactions.filter(date__gte=start)
    if end:
        transactions = transactions.filter(date__lte=end)
    return transactions


def sums_by(transactions: QuerySet, field: str) -> dict:
    """{value of `field` (a path from the transaction): {kind: LYD total}}."""
    out: dict = defaultdict(lambda: dict.fromkeys(KINDS, Decimal(0)))
    for row in transactions.values(field, "kind").annotate(total=Sum("amount_lyd")).order_by():
        out[row[field]][row["kind"]] = row["total"] or Decimal(0)
    return out


def kind_totals(transactions: QuerySet) -> dict[str, Decimal]:
    """{kind: LYD total} over all these transactions."""
    out = dict.fromkeys(KINDS, Decimal(0))
    for row in transactions.values("kind").annotate(total=Sum("amount_lyd")).order_by():
        out[row["kind"]] = row["total"] or Decimal(0)
    return out


def by_district(transactions: QuerySet) -> dict:
    """Sums in LYD by district and kind, with a subtotal per region (East, West, South) and
    the total: {"regions": [(region_row, [district_rows])], "total": row}."""
    sums = transactions.values("project__municipality__district_id", "kind").annotate(
        total=Sum("amount_lyd")
    )
    per_district: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in sums:
        per_district[row["project__municipality__district_id"]][row["kind"]] = row["total"]
    total = MoneyRow("", "")
    regions = []
    districts = District.objects.select_related("region").order_by("region__code", "name_en")
    grouped: dict[int, list] = defaultdict(list)
    region_of = {}
    for district in districts:
        grouped[district.region_id].append(district)
        region_of[district.region_id] = district.region
    for region_id, members in grouped.items():
        region = region_of[region_id]
        region_row = MoneyRow(region.code, region.name)
        rows = []
        for district in members:
            row = MoneyRow(district.iso_code, district.name)
            for kind, amount in per_district.get(district.id, {}).items():
                row.amounts[kind] = amount
                region_row.amounts[kind] += amount
                total.amounts[kind] += amount
            rows.append(row)
        regions.append((region_row, rows))
    unplaced = MoneyRow("", "")
    for kind, amount in per_district.get(None, {}).items():
        unplaced.amounts[kind] = amount
        total.amounts[kind] += amount
    has_unplaced = None in per_district
    return {"regions": regions, "unplaced": unplaced if has_unplaced else None, "total": total}
