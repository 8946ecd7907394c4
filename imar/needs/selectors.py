"""Reads of the needs app: needs by district and sector, and needs against money allocated.

Public-safe: only damage figures and totals of approved-or-later project budgets, never a
private project's details. The public portal can reuse `needs_overview` as is.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from imar.geo.models import District
from imar.needs.enums import PdnaSector
from imar.needs.models import Assessment, DamageRecord, Scenario, ScoringModel
from imar.needs.money import Converter
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project

ZERO = Decimal(0)
# Money counts as allocated once a project is approved; suspended and cancelled do not count.
ALLOCATED_STATUSES = [
    ProjectStatus.APPROVED,
    ProjectStatus.PROCUREMENT,
    ProjectStatus.IMPLEMENTATION,
    ProjectStatus.COMPLETED,
]


def coverage_of(covered: Decimal, needs: Decimal) -> float | None:
    if not needs:
        return None
    return float(covered / needs)


# The map's colour classes of coverage, [low, high) as fractions; None: no needs recorded.
COVERAGE_CLASSES = [(0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0), (1.0, None)]


def coverage_class(coverage: float | None) -> int | None:
    """The index in COVERAGE_CLASSES of a coverage (None stays None)."""
    if coverage is None:
        return None
    for index, (low, high) in enumerate(COVERAGE_CLASSES):
        if coverage >= low and (high is None or coverage < high):
            return index
    return 0  # below zero cannot happen (amounts are not negative); the lowest class


@dataclass
class RegionNeeds:
    """A region's subtotal (East, West, South) of the districts shown."""

    code: str
    name: str
    recovery_needs: Decimal = ZERO
    allocated: Decimal = ZERO
    donor_disbursed: Decimal = ZERO
    districts: int = 0

    @property
    def covered(self) -> Decimal:
        return self.allocated + self.donor_disbursed

    @property
    def coverage(self) -> float | None:
        return coverage_of(self.covered, self.recovery_needs)


@dataclass
class DistrictNeeds:
    district: District
    recovery_needs: Decimal = ZERO
    damage_and_losses: Decimal = ZERO
    people_affected: int = 0
    allocated: Decimal = ZERO
    by_sector: dict[str, Decimal] = field(default_factory=dict)
    # Money donors disbursed in the district outside the fund's own projects, filled by an
    # app above (aid, through the page's sections): part of the coverage, not of the gap.
    donor_disbursed: Decimal = ZERO

    @property
    def gap(self) -> Decimal:
        """Needs not yet covered by allocated money (never below zero)."""
        return max(self.recovery_needs - self.allocated, ZERO)

    @property
    def covered(self) -> Decimal:
        return self.allocated + self.donor_disbursed

    @property
    def coverage(self) -> float | None:
        """(Allocated by the fund + disbursed by donors) ÷ recovery needs; None without needs."""
        return coverage_of(self.covered, self.recovery_needs)

    @property
    def need_per_person_affected(self) -> Decimal | None:
        if not self.people_affected:
            return None
        return (self.recovery_needs / self.people_affected).quantize(Decimal("0.01"))


@dataclass
class NeedsOverview:
    currency: str
    districts: list[DistrictNeeds]
    by_sector: dict[str, Decimal]
    unconverted: set[str]  # currencies left out for want of an exchange rate
    assessments: list[Assessment]

    @property
    def total_needs(self) -> Decimal:
        return sum((d.recovery_needs for d in self.districts), ZERO)

    @property
    def total_allocated(self) -> Decimal:
        return sum((d.allocated for d in self.districts), ZERO)

    @property
    def total_gap(self) -> Decimal:
        return sum((d.gap for d in self.districts), ZERO)

    @property
    def total_people_affected(self) -> int:
        return sum(d.people_affected for d in self.districts)

    @property
    def total_donor_disbursed(self) -> Decimal:
        return sum((d.donor_disbursed for d in self.districts), ZERO)

    @property
    def total_coverage(self) -> float | None:
        return coverage_of(self.total_allocated + self.total_donor_disbursed, self.total_needs)

    def regions(self) -> list[RegionNeeds]:
        """Subtotals per region of the districts shown, in the gazetteer's region order."""
        out: dict[int, RegionNeeds] = {}
        for row in sorted(self.districts, key=lambda r: r.district.region.code):
            region = row.district.region
            subtotal = out.setdefault(region.pk, RegionNeeds(region.code, region.name))
            subtotal.recovery_needs += row.recovery_needs
            subtotal.allocated += row.allocated
            subtotal.donor_disbursed += row.donor_disbursed
            subtotal.districts += 1
        return list(out.values())

    def sector_rows(self) -> list[tuple[str, str, Decimal]]:
        """(code, label, needs) for the sectors with needs, largest first."""
        rows = [(code, PdnaSector(code).label, value) for code, value in self.by_sector.items()]
        return sorted(rows, key=lambda row: -row[2])

    def chart_data(self) -> dict:
        """What the page's chart and map draw (plain JSON)."""
        return {
            "currency": self.currency,
            "districts": [
                {
                    "iso": row.district.iso_code,
                    "name": row.district.name,
                    "needs": float(row.recovery_needs),
                    "allocated": float(row.allocated),
                    "gap": float(row.gap),
                    "per_person": float(row.need_per_person_affected or 0),
                    "people": row.people_affected,
                    "donor_disbursed": float(row.donor_disbursed),
                    "coverage": row.coverage,
                    "coverage_class": coverage_class(row.coverage),
                }
                for row in self.districts
            ],
        }


def assessment_list(queryset: QuerySet | None = None) -> QuerySet[Assessment]:
    queryset = Assessment.objects.all() if queryset is None else queryset
    return queryset.order_by("-conducted_on", "name_en", "id")


def damage_record_list(queryset: QuerySet | None = None) -> QuerySet[DamageRecord]:
    queryset = DamageRecord.objects.all() if queryset is None else queryset
    return queryset.select_related("assessment", "municipality__district__region").order_by(
        "assessment_id", "municipality__pcode", "sector", "id"
    )


def needs_overview(
    *, currency: str = "LYD", assessment_ids: list[int] | None = None
) -> NeedsOverview:
    """Needs, people affected and allocated money per district, all in `currency`."""
    convert = Converter(currency)
    districts = list(District.objects.select_related("region").order_by("name_en"))
    rows = {d.pk: DistrictNeeds(district=d) for d in districts}
    by_sector: dict[str, Decimal] = defaultdict(lambda: ZERO)

    records = DamageRecord.objects.all()
    if assessment_ids:
        records = records.filter(assessment_id__in=assessment_ids)
    grouped = records.values("municipality__district_id", "sector", "currency").annotate(
        needs=Sum("recovery_needs"),
        damage=Sum("damage"),
        losses=Sum("losses"),
        people=Sum("people_affected"),
    )
    for group in grouped:
        row = rows[group["municipality__district_id"]]
        row.people_affected += group["people"] or 0
        needs = convert(group["needs"], group["currency"])
        damage = convert((group["damage"] or ZERO) + (group["losses"] or ZERO), group["currency"])
        if needs is None or damage is None:
            continue
        row.recovery_needs += needs
        row.damage_and_losses += damage
        row.by_sector[group["sector"]] = row.by_sector.get(group["sector"], ZERO) + needs
        by_sector[group["sector"]] += needs

    money = (
        Project.objects.filter(status__in=ALLOCATED_STATUSES, budget__isnull=False)
        .values("municipality__district_id", "currency")
        .annotate(total=Sum("budget"))
    )
    for group in money:
        amount = convert(group["total"], group["currency"])
        if amount is not None:
            rows[group["municipality__district_id"]].allocated += amount

    return NeedsOverview(
        currency=currency,
        districts=list(rows.values()),
        by_sector=dict(by_sector),
        unconverted=convert.unconverted,
        assessments=list(Assessment.objects.all()),
    )


def district_geometries() -> dict:
    """The districts as a GeoJSON FeatureCollection (iso code and names as properties)."""
    features = [
        {
            "type": "Feature",
            "geometry": district.geometry,
            "properties": {"iso": district.iso_code, "name": district.name},
        }
        for district in District.objects.exclude(geometry=None).order_by("iso_code")
    ]
    return {"type": "FeatureCollection", "features": features}


def scoring_model_list() -> QuerySet[ScoringModel]:
    return ScoringModel.objects.select_related("created_by")


def scenario_list() -> QuerySet[Scenario]:
    return Scenario.objects.select_related("scoring_model", "created_by", "approved_by")
