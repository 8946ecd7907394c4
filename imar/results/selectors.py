"""Reads of the results framework: the roll-up's facts and damage, baselines, page data."""

from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from imar.geo.models import District
from imar.needs.models import Assessment, DamageRecord
from imar.portfolio.models import Program
from imar.portfolio.sectors import Sector
from imar.results import rollup as r
from imar.results.enums import PeriodStatus
from imar.results.models import Indicator, StandardIndicator

FACT_FIELDS = (
    "indicator_id",
    "indicator__standard__code",
    "indicator__measure",
    "indicator__project__program__code",
    "indicator__project__municipality__district__iso_code",
    "indicator__project__sector",
    "target_value",
    "status",
    "actual_value",
    "actual_numerator",
    "actual_denominator",
)


def damage_baseline(*, standard: StandardIndicator, municipality_id: int):
    """(units damaged, assessment date, source) for a standard in one municipality, from
    the most recent assessment that recorded that damage there; None when none did."""
    if not standard.damage_sector:
        return None
    record = (
        DamageRecord.objects.public()
        .filter(municipality_id=municipality_id, sector=standard.damage_sector, units_damaged__gt=0)
        .select_related("assessment")
        .order_by("-assessment__conducted_on", "-id")
        .first()
    )
    if record is None:
        return None
    return (
        Decimal(record.units_damaged),
        record.assessment.conducted_on,
        _("Damage recorded by %(assessment)s") % {"assessment": record.assessment.name_en[:200]},
    )


def default_assessment() -> Assessment | None:
    """The assessment the roll-up compares with unless told: the one that recorded the
    most damaged units (in the demo, the storm)."""
    row = (
        DamageRecord.objects.public()
        .values("assessment_id")
        .annotate(units=Sum("units_damaged"))
        .order_by("-units", "-assessment_id")
        .first()
    )
    if row is None or not row["units"]:
        return None
    return Assessment.objects.public().filter(pk=row["assessment_id"]).first()


def assessment_choices() -> QuerySet:
    return Assessment.objects.public().filter(records__units_damaged__gt=0).distinct()


def period_facts(periods: QuerySet) -> list[r.PeriodFact]:
    """The roll-up's input: one fact per period of a project indicator tied to a standard
    (one query)."""
    rows = (
        periods.filter(indicator__standard__isnull=False, indicator__project__isnull=False)
        .order_by()
        .values_list(*FACT_FIELDS)
    )
    approved = PeriodStatus.APPROVED
    return [
        r.PeriodFact(
            indicator_id=indicator_id,
            standard=standard,
            measure=measure,
            program=program or "",
            district=district,
            sector=sector,
            target=target,
            approved=status == approved,
            actual=actual if status == approved else None,
            numerator=numerator if status == approved else None,
            denominator=denominator,
        )
        for (
            indicator_id,
            standard,
            measure,
            program,
            district,
            sector,
            target,
            status,
            actual,
            numerator,
            denominator,
        ) in rows.iterator(chunk_size=5000)
    ]


def damage_facts(assessment: Assessment | None, district_ids=None) -> list[r.DamageFact]:
    """Damaged units per PDNA sector and district of one assessment (one query), in the
    given districts only when `district_ids` is not None."""
    if assessment is None:
        return []
    records = DamageRecord.objects.public().filter(assessment=assessment, units_damaged__gt=0)
    if district_ids is not None:
        records = records.filter(municipality__district_id__in=district_ids)
    rows = (
        records.values("sector", district=F("municipality__district__iso_code"))
        .annotate(units=Sum("units_damaged"))
        .order_by()
    )
    return [r.DamageFact(row["sector"], row["district"], Decimal(row["units"])) for row in rows]


def catalogue() -> dict[str, StandardIndicator]:
    return {s.code: s for s in StandardIndicator.objects.public()}


def rollups(periods: QuerySet, *, assessment: Assessment | None, district_ids=None) -> dict:
    """Every grouping of the roll-up, with labels, for a dashboard (four queries)."""
    standards = catalogue()
    facts = period_facts(periods)
    damage = damage_facts(assessment, district_ids)
    damage_sectors = {code: s.damage_sector for code, s in standards.items()}
    measures = {code: s.measure for code, s in standards.items()}
    districts = {d.iso_code: d for d in District.objects.all()}
    sectors = dict(Sector.choices)
    programs = {}
    result = {}
    for by in r.GROUPINGS:
        rows = r.rollup(
            facts, by=by, damage=damage, damage_sectors=damage_sectors, measures=measures
        )
        if by == "program":
            codes = {row.group for row in rows if row.group}
            if codes and not programs:
                programs = {p.code: p for p in Program.objects.filter(code__in=codes)}
        for row in rows:
            row.standard_row = standards.get(row.standard)
            if by == "district":
                row.label = districts[row.group].name if row.group in districts else row.group
            elif by == "sector":
                row.label = sectors.get(row.group, row.group)
            elif by == "program":
                row.label = programs[row.group].name if row.group in programs else _("No program")
            else:
                row.label = ""
        result[by] = rows
    return result


def headline(rows: list[r.RollupRow]) -> list[r.RollupRow]:
    """The fund-wide rows worth a headline: those with something reported or damaged."""
    return [row for row in rows if row.indicators or row.damaged]


def district_map(rows: list[r.RollupRow], standard: str) -> dict:
    """{district ISO code: [actual, damaged, percent of damage]} of one standard."""
    return {
        row.group: [
            float(row.actual),
            float(row.damaged) if row.damaged is not None else None,
            float(row.percent_of_damage) if row.percent_of_damage is not None else None,
        ]
        for row in rows
        if row.standard == standard
    }


def project_indicators(project) -> QuerySet:
    return (
        Indicator.objects.filter(project=project)
        .select_related("standard")
        .prefetch_related("periods")
        .order_by("id")
    )


def queue(periods: QuerySet) -> QuerySet:
    return (
        periods.filter(status=PeriodStatus.SUBMITTED)
        .select_related("indicator__project", "indicator__program", "reported_by")
        .order_by("submitted_at", "id")
    )


def indicator_counts(indicators: QuerySet) -> dict:
    return indicators.aggregate(
        total=Count("id"), standard=Count("id", filter=Q(standard__isnull=False))
    )


HEADLINE_STANDARD = "housing-units-rebuilt"


def rollup_page(periods: QuerySet, params, *, district_ids=None) -> dict:
    """What the staff dashboard and the public results page show: the roll-up of `periods`
    against the damage of the assessment asked for (`?assessment=`, else the default),
    with one standard (`?standard=`) on the map. A user limited to some districts compares
    with those districts' damage only (`district_ids`)."""
    choices = list(assessment_choices())
    wanted = str(params.get("assessment", ""))
    assessment = next((a for a in choices if str(a.pk) == wanted), None) or default_assessment()
    groups = rollups(periods, assessment=assessment, district_ids=district_ids)
    standards = catalogue()
    standard = params.get("standard", "")
    if standard not in standards:
        standard = HEADLINE_STANDARD
    first = sorted(headline(groups["fund"]), key=lambda row: row.standard != standard)
    return {
        "assessment": assessment,
        "assessment_choices": choices,
        "headline": first,
        "groups": groups,
        "tables": {
            by: [row for row in rows if row.standard == standard]
            for by, rows in groups.items()
            if by != "fund"
        },
        "standard": standard,
        "standard_row": standards.get(standard),
        "standards": standards,
        "map_data": district_map(groups["district"], standard),
    }


def project_ids_with_indicators(projects: QuerySet) -> QuerySet:
    """Ids of the projects (of `projects`) with at least one indicator: the data-quality page's
    "indicators" column (imar.feedback.quality_hooks, through IMAR_QUALITY_INDICATORS_HOOK)."""
    return Indicator.objects.filter(project__in=projects).values("project_id")
