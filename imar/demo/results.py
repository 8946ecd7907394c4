"""Demo step: results. Indicators from the catalogue on the demo projects of the sectors it
covers (where the damage a standard answers was recorded in the project's municipality, so
the projects answer it), half-year periods with targets, and approved actuals for the periods already past,
in proportion to each project's progress, so the totals stay below the recorded damage.

The storm assessment records housing units only; this step gives its other records the
damage in their sector's unit (673 km of road in all, schools, health facilities, people cut
off from water and power), as the storm's assessment reported them, spread like its money.
A few periods are left submitted, returned or draft, so the approval queue has work.
"""

import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from imar.demo.portfolio import REFERENCE_DATE
from imar.needs.models import Assessment, DamageRecord
from imar.portfolio.enums import ProjectStatus as ST
from imar.portfolio.models import Program, Project
from imar.results.catalogue import catalogue_sync
from imar.results.enums import PeriodStatus
from imar.results.models import Indicator, IndicatorPeriod, PeriodDisaggregation, StandardIndicator

# The storm's damage in each sector's unit, spread over its records by their damage value.
STORM_UNITS = {
    "transport_telecom": 673,  # km of road
    "education": 118,  # schools
    "health": 41,  # health facilities
    "water_sanitation": 61_000,  # people without water
    "electricity": 74_000,  # people without power
    "community_infrastructure": 240_000,  # m² of public space
}
# Fund sector → the standards its projects report.
SECTOR_STANDARDS = {
    "housing": ["housing-units-rebuilt"],
    "roads_bridges": ["road-km-reopened"],
    "education": ["schools-reopened", "classrooms-reopened"],
    "health": ["health-facilities-functional"],
    "water_sanitation": ["people-water-restored"],
    "electricity": ["people-power-restored"],
    "urban_rehabilitation": ["public-space-rehabilitated"],
}
# What one project of that kind delivers where no damage was recorded.
TYPICAL_SIZE = {
    "housing_units": (20, 150),
    "km": (2, 25),
    "schools": (1, 2),
    "classrooms": (6, 24),
    "facilities": (1, 2),
    "people": (800, 9000),
    "m2": (2000, 15000),
}
STARTED = {ST.IMPLEMENTATION, ST.COMPLETED, ST.SUSPENDED}
PLANNED = STARTED | {ST.PROCUREMENT, ST.APPROVED}
FIRST_HALF = date(2024, 1, 1)


def _storm_units(storm: Assessment) -> None:
    records = list(storm.records.filter(sector__in=STORM_UNITS, units_damaged=0))
    by_sector = defaultdict(list)
    for record in records:
        by_sector[record.sector].append(record)
    for sector, rows in by_sector.items():
        # Largest remainders, so the records add up to the storm's figure exactly.
        total = sum(r.damage for r in rows) or Decimal(1)
        shares = [STORM_UNITS[sector] * r.damage / total for r in rows]
        for row, share in zip(rows, shares, strict=True):
            row.units_damaged = int(share)
        left = STORM_UNITS[sector] - sum(r.units_damaged for r in rows)
        by_remainder = sorted(
            range(len(rows)), key=lambda i: shares[i] - int(shares[i]), reverse=True
        )
        for i in by_remainder[:left]:
            rows[i].units_damaged += 1
    DamageRecord.objects.bulk_update(records, ["units_damaged"])


def _halves(start: date, end: date) -> list[tuple[date, date]]:
    halves, year, first = [], max(start, FIRST_HALF).year, max(start, FIRST_HALF).month <= 6
    while True:
        begin = date(year, 1, 1) if first else date(year, 7, 1)
        finish = date(year, 6, 30) if first else date(year, 12, 31)
        if begin > end or len(halves) == 6:
            return halves or [(begin, finish)]
        halves.append((begin, finish))
        year, first = (year, False) if first else (year + 1, True)


def _damage_by_place() -> dict[tuple[int, str], int]:
    """Units damaged per (municipality, PDNA sector), the most recent assessment first."""
    found = {}
    rows = DamageRecord.objects.filter(units_damaged__gt=0).order_by("-assessment__conducted_on")
    for municipality_id, sector, units, conducted in rows.values_list(
        "municipality_id", "sector", "units_damaged", "assessment__conducted_on"
    ):
        found.setdefault((municipality_id, sector), (units, conducted))
    return found


def load(*, rng, options, log):
    storm = Assessment.objects.filter(name_en__startswith="2023 Storm Daniel").first()
    if storm is not None:
        _storm_units(storm)
    catalogue_sync(StandardIndicator)  # `demo --reset` flushes what the migration loaded
    standards = {s.code: s for s in StandardIndicator.objects.all()}
    damage = _damage_by_place()
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["engineer", "officer"])
    }
    engineer, officer = users.get("engineer"), users.get("officer")
    projects = list(
        Project.objects.filter(sector__in=SECTOR_STANDARDS, status__in=PLANNED)
        .exclude(planned_start=None)
        .exclude(planned_end=None)
        .select_related("figures")
        .order_by("id")
    )
    # Share each place's damage among the projects that answer it, so targets add up to
    # 55-90% of it (the rest is left to donors and to later rounds).
    answering = defaultdict(list)
    for project in projects:
        for code in SECTOR_STANDARDS[project.sector]:
            answering[(project.municipality_id, code)].append(project)
    indicators, plans = [], []
    for (municipality_id, code), group in answering.items():
        standard = standards[code]
        units, conducted = damage.get((municipality_id, standard.damage_sector), (None, None))
        if code == "classrooms-reopened":
            units, conducted = damage.get((municipality_id, "education"), (None, None))
            units = units * 9 if units else None  # about nine classrooms a school
        if standard.damage_sector and not units:
            continue  # only where the damage it answers was recorded
        coverage = rng.uniform(0.55, 0.9)
        for project in group:
            if units:
                planned_total = max(1, round(units * coverage / len(group)))
            else:
                planned_total = rng.randint(*TYPICAL_SIZE[standard.unit])
            indicator = Indicator(
                project=project,
                standard=standard,
                result_type=standard.result_type,
                title_ar=standard.name_ar,
                title_en=standard.name_en,
                unit=standard.unit,
                measure=standard.measure,
                baseline_value=Decimal(units) if units else Decimal(0),
                baseline_date=conducted or project.planned_start,
                baseline_source="Recorded damage of the needs assessment" if units else "",
                created_by=officer,
            )
            indicators.append(indicator)
            plans.append((indicator, project, planned_total))
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    periods, breakdowns = _periods(rng, plans, engineer, officer)
    IndicatorPeriod.objects.bulk_create(periods, batch_size=2000)
    PeriodDisaggregation.objects.bulk_create(
        [
            PeriodDisaggregation(period=p, dimension=d, category=c, value=v)
            for p, d, c, v in breakdowns
        ],
        batch_size=2000,
    )
    _program_indicator(officer)
    approved = sum(1 for p in periods if p.status == PeriodStatus.APPROVED)
    log(f"    results: {len(indicators)} indicators, {len(periods)} periods ({approved} approved)")


def _progress(project) -> float:
    figures = getattr(project, "figures", None)
    percent = getattr(figures, "progress_percent", None) if figures else None
    if project.status == ST.COMPLETED:
        return 1.0
    return float(percent or 0) / 100


def _periods(rng, plans, engineer, officer):
    periods, breakdowns = [], []
    now = timezone.now()
    for indicator, project, planned_total in plans:
        halves = _halves(project.planned_start, project.planned_end)
        share = Decimal(planned_total) / len(halves)
        done = (
            Decimal(planned_total * _progress(project)) if project.status in STARTED else Decimal(0)
        )
        past = [h for h in halves if h[1] < REFERENCE_DATE]
        remaining = done
        for number, (start, end) in enumerate(halves):
            target = (
                share.quantize(Decimal(1))
                if indicator.unit != "km"
                else share.quantize(Decimal("0.1"))
            )
            period = IndicatorPeriod(
                indicator=indicator,
                period_start=start,
                period_end=end,
                target_value=max(target, Decimal(1)),
                client_token=uuid.UUID(int=rng.getrandbits(128)),
            )
            if (start, end) in past and remaining > 0:
                last = number == len(past) - 1
                actual = (
                    remaining
                    if last
                    else min(remaining, Decimal(str(float(share) * rng.uniform(0.6, 1.1))))
                )
                actual = actual.quantize(Decimal("0.1") if indicator.unit == "km" else Decimal(1))
                remaining -= actual
                period.actual_value = max(actual, Decimal(0))
                period.narrative_ar = "أعمال منجزة ومتحقق منها ميدانياً."
                period.narrative_en = "Work completed and checked on site."
                period.reported_by = engineer
                period.submitted_at = now - timedelta(days=30)
                roll = rng.random()
                if last and roll < 0.08:
                    period.status = PeriodStatus.SUBMITTED
                elif last and roll < 0.11:
                    period.status = PeriodStatus.RETURNED
                    period.return_reason = "الصور لا تظهر الوحدات المنجزة. / The photos do not show the finished units."
                else:
                    period.status = PeriodStatus.APPROVED
                    period.approved_by, period.approved_at = officer, now - timedelta(days=20)
                if indicator.unit == "people" and period.actual_value > 0:
                    women = (period.actual_value * Decimal(str(rng.uniform(0.48, 0.53)))).quantize(
                        Decimal(1)
                    )
                    breakdowns += [
                        (period, "sex", "female", women),
                        (period, "sex", "male", period.actual_value - women),
                    ]
            periods.append(period)
    return periods, breakdowns


def _program_indicator(officer) -> None:
    """A program-level outcome: the share of displaced households back home (Derna)."""
    program = Program.objects.order_by("code").first()
    if program is None:
        return
    indicator = Indicator.objects.create(
        program=program,
        standard=StandardIndicator.objects.filter(code="households-back-home").first(),
        result_type="2",
        title_ar="نسبة الأسر النازحة التي عادت إلى منازلها",
        title_en="Share of displaced households back in their homes",
        unit="percent",
        measure="percentage",
        baseline_value=Decimal(0),
        baseline_date=date(2024, 1, 15),
        created_by=officer,
    )
    now = timezone.now()
    for start, end, back, displaced, target in [
        (date(2024, 1, 1), date(2024, 12, 31), 3100, 44_000, 10),
        (date(2025, 1, 1), date(2025, 12, 31), 11_800, 44_000, 30),
    ]:
        IndicatorPeriod.objects.create(
            indicator=indicator,
            period_start=start,
            period_end=end,
            target_value=Decimal(target),
            actual_numerator=Decimal(back),
            actual_denominator=Decimal(displaced),
            status=PeriodStatus.APPROVED,
            reported_by=officer,
            submitted_at=now,
            approved_at=now,
        )
