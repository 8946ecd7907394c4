"""Reads: the activities, their money counted once and converted, who does what where."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from imar.aid import totals
from imar.aid.enums import COMMITMENT, DISBURSEMENT, LinkStatus
from imar.aid.models import ActivityLink, DonorActivity, DonorTransaction, ImportRun
from imar.core.models import pick_language
from imar.geo.models import District
from imar.needs.selectors import district_geometries
from imar.portfolio.currency import RateTable
from imar.portfolio.sectors import Sector

ZERO = Decimal(0)


def activities(*, public: bool = False) -> QuerySet:
    queryset = DonorActivity.objects.public() if public else DonorActivity.objects.all()
    confirmed = ActivityLink.objects.filter(activity=OuterRef("pk"), status=LinkStatus.CONFIRMED)
    return (
        queryset.select_related("reporting_org")
        .prefetch_related(Prefetch("districts", queryset=District.objects.order_by("name_en")))
        .annotate(is_linked=Exists(confirmed))
        .defer("original_xml")
    )


def transaction_totals(activity: DonorActivity) -> dict[str, dict[str, str]]:
    """{type code: {currency: total}} as the publisher reported them (no conversion)."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for tx in activity.transactions.all():
        out[tx.type_code][tx.currency] += tx.value
    return {t: {c: str(v) for c, v in sorted(cur.items())} for t, cur in sorted(out.items())}


def confirmed_links() -> dict[int, list[dict]]:
    """{activity id: [{"project_id", "counting"}]} of confirmed links."""
    out: dict[int, list[dict]] = defaultdict(list)
    for activity_id, project_id, counting in ActivityLink.objects.filter(
        status=LinkStatus.CONFIRMED
    ).values_list("activity_id", "project_id", "counting"):
        out[activity_id].append({"project_id": project_id, "counting": counting})
    return out


@dataclass
class DonorMoney:
    """Counted donor money of one group (a district, a sector, a donor) in one currency."""

    committed: totals.Money = field(default_factory=totals.Money)
    disbursed: totals.Money = field(default_factory=totals.Money)
    activities: set = field(default_factory=set)

    @property
    def missing(self) -> int:
        return self.committed.missing + self.disbursed.missing


def _transactions(activity_ids=None):
    rows = DonorTransaction.objects.filter(type_code__in=(COMMITMENT, DISBURSEMENT))
    if activity_ids is not None:
        rows = rows.filter(activity_id__in=activity_ids)
    return rows.only("activity_id", "type_code", "value", "currency", "value_date", "date")


def _shares(activity_ids) -> tuple[dict, dict]:
    """Per activity: {district id: share} (its districts share it equally) and
    {sector: share} (by the percentages of its sectors mapped to ours)."""
    districts: dict[int, list[int]] = defaultdict(list)
    for activity_id, district_id in DonorActivity.districts.through.objects.filter(
        donoractivity_id__in=activity_ids
    ).values_list("donoractivity_id", "district_id"):
        districts[activity_id].append(district_id)
    district_shares = {
        a: {d: Decimal(1) / len(ds) for d in ds} for a, ds in districts.items() if ds
    }
    sector_shares: dict[int, dict[str, Decimal]] = {}
    for activity_id, sectors in DonorActivity.objects.filter(pk__in=activity_ids).values_list(
        "id", "sectors"
    ):
        weights: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for s in sectors:
            if s.get("vocabulary") not in ("1", "2"):
                continue
            weights[s.get("sector") or ""] += Decimal(str(s.get("percentage") or 100))
        total = sum(weights.values())
        if total:
            sector_shares[activity_id] = {k: v / total for k, v in weights.items()}
    return district_shares, sector_shares


def money_by(*, currency: str = "LYD", activity_ids=None, by: str = "district", rates=None) -> dict:
    """{group key: DonorMoney} of counted commitments and disbursements. `by`: "district"
    (None: not placed), "sector" ("": not one of ours) or "donor" (organization id)."""
    ids = (
        list(activity_ids)
        if activity_ids is not None
        else list(DonorActivity.objects.values_list("pk", flat=True))
    )
    rates = rates or RateTable.load()
    links = confirmed_links()
    district_shares, sector_shares = _shares(ids)
    donors = dict(DonorActivity.objects.filter(pk__in=ids).values_list("pk", "reporting_org_id"))
    out: dict = defaultdict(DonorMoney)
    for tx in _transactions(ids):
        if by == "district":
            shares = district_shares.get(tx.activity_id) or {None: Decimal(1)}
        elif by == "sector":
            shares = sector_shares.get(tx.activity_id) or {"": Decimal(1)}
        else:
            shares = {donors[tx.activity_id]: Decimal(1)}
        counted = totals.counts(tx.type_code, links.get(tx.activity_id, []))
        value = (
            totals.convert(rates, tx.value, tx.currency, currency, tx.rate_day) if counted else None
        )
        for key, share in shares.items():
            group = out[key]
            group.activities.add(tx.activity_id)
            money = group.committed if tx.type_code == COMMITMENT else group.disbursed
            if not counted:
                money.left_out += 1
                continue
            money.add(
                None if value is None else (value * share).quantize(Decimal("0.01")), tx.currency
            )
    return dict(out)


@dataclass
class BalanceRow:
    district: District
    needs: Decimal
    fund_allocated: Decimal
    donor_committed: Decimal
    donor_disbursed: Decimal
    missing: int

    @property
    def gap_fund_only(self) -> Decimal:
        return max(self.needs - self.fund_allocated, ZERO)

    @property
    def gap(self) -> Decimal:
        """Needs not covered by the fund's allocation and donors' counted commitments."""
        return max(self.needs - self.fund_allocated - self.donor_committed, ZERO)


def balance(overview, *, currency: str) -> dict:
    """The needs page's rows with donors' counted money added, and the totals."""
    money = money_by(currency=currency, by="district")
    rows = []
    for row in overview.districts:
        found = money.get(row.district.pk, DonorMoney())
        rows.append(
            BalanceRow(
                district=row.district,
                needs=row.recovery_needs,
                fund_allocated=row.allocated,
                donor_committed=found.committed.total,
                donor_disbursed=found.disbursed.total,
                missing=found.missing,
            )
        )
    unplaced = money.get(None, DonorMoney())
    missing = {
        c
        for m in money.values()
        for c in m.committed.missing_currencies | m.disbursed.missing_currencies
    }
    return {
        "rows": rows,
        "unplaced": unplaced,
        "missing_currencies": sorted(missing),
        "missing_count": sum(m.missing for m in money.values()),
        "left_out": sum(m.committed.left_out + m.disbursed.left_out for m in money.values()),
        "total_donor_committed": sum((r.donor_committed for r in rows), ZERO),
        "total_donor_disbursed": sum((r.donor_disbursed for r in rows), ZERO),
        "total_gap": sum((r.gap for r in rows), ZERO),
        "total_gap_fund_only": sum((r.gap_fund_only for r in rows), ZERO),
    }


def who_does_what_where(*, currency: str = "LYD", public: bool = False) -> dict:
    """By district, by sector and by donor: activities and counted money."""
    queryset = activities(public=public)
    ids = list(queryset.values_list("pk", flat=True))
    rates = RateTable.load()
    by_district = money_by(currency=currency, activity_ids=ids, by="district", rates=rates)
    by_sector = money_by(currency=currency, activity_ids=ids, by="sector", rates=rates)
    by_donor = money_by(currency=currency, activity_ids=ids, by="donor", rates=rates)
    district_names = {d.pk: d for d in District.objects.all()}
    from imar.organizations.models import Organization

    donors = {o.pk: o for o in Organization.objects.filter(pk__in=by_donor.keys())}
    sectors = dict(Sector.choices)

    def rows(groups, label):
        out = [
            {"key": key, "label": label(key), "money": money, "count": len(money.activities)}
            for key, money in groups.items()
        ]
        # groups with no place or sector of ours go last
        out.sort(key=lambda r: (not r["key"], -(r["money"].committed.total), str(r["label"])))
        return out

    return {
        "by_district": rows(by_district, lambda k: district_names[k].name if k else None),
        "by_sector": rows(by_sector, lambda k: sectors.get(k) if k else None),
        "by_donor": rows(by_donor, lambda k: donors[k].name),
        "count": len(ids),
        "districts_on_map": {
            district_names[k].iso_code: {
                "name": district_names[k].name,
                "lat": district_names[k].latitude,
                "lon": district_names[k].longitude,
                "count": len(m.activities),
                "committed": str(m.committed.total),
            }
            for k, m in by_district.items()
            if k
        },
        "shapes": district_geometries(),
        "publishers": sorted({a.reporting_org_name or a.reporting_org_ref for a in queryset}),
    }


def country_activities(country: str) -> QuerySet:
    """Donor activities reported by organizations of `country` (for the visit briefing)."""
    return activities().filter(reporting_org__country=country).prefetch_related("transactions")


def project_links(project) -> QuerySet:
    return (
        ActivityLink.objects.filter(project=project)
        .exclude(status=LinkStatus.REJECTED)
        .select_related("activity", "activity__reporting_org")
        .order_by("status", "-score")
    )


def imports() -> QuerySet:
    return ImportRun.objects.select_related("imported_by").defer("rows")


def label_district(district) -> str:
    return pick_language(district.name_ar, district.name_en) if district else ""


def link_events(links) -> list:
    """The audit trail of these links (decisions and counting choices), newest first."""
    from imar.accounts.models import AuditEvent

    if not links:
        return []
    return list(
        AuditEvent.objects.filter(
            object_type=ActivityLink._meta.label_lower,
            object_id__in=[str(link.pk) for link in links],
        ).order_by("-sequence")[:30]
    )
