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


@dataclass
class DistrictNeeds:
    district: District
    recovery_needs: Decimal = ZERO
    damage_and_losses: Decimal = ZERO
    people_affected: int = 0
    allocated: Decimal = ZERO
    by_sector: dict[str, Decimal] = field(default_factory=dict)

    @property
    def gap(self) -> Decimal:
        """Needs not yet covered by allocated money (never below zero)."""
        return max(self.recovery_needs - self.allocated, ZERO)

    @property
    def coverage(self) -> float | None:
        if not self.recovery_needs:
            return None
        return float(self.allocated / self.recovery_needs)

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
