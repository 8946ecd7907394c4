"""The roll-up: indicator totals by program, district, sector or for the whole fund, against
their targets and against the damage recorded for them. Pure: plain data in and out.

Only indicators tied to a standard indicator add up (two projects' custom indicators may
count different things). What an indicator achieved is the sum of its approved periods'
actuals (a period's actual is an increment); its target is the sum of the targets of the
periods given. A percentage adds its numerators and denominators and divides at the end,
so a large site weighs more than a small one; its target is the percentage those same
denominators would have reached at the periods' target rates.

Damage is the recorded quantity the standard answers (damaged housing units, kilometres of
road) in the group's place: a district's own, the whole country's for the fund and a sector;
a program has no place of its own, so no damage is compared with it. What is set against
the damage (`answered`) counts only the districts where that damage was recorded: houses
rebuilt in Sabha do not answer the storm's damage in Derna.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

GROUPINGS = ("fund", "program", "district", "sector")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PeriodFact:
    """One period of one indicator, with where its project sits."""

    indicator_id: int
    standard: str
    measure: str
    program: str  # program code, "" for none
    district: str  # ISO 3166-2 code
    sector: str  # the project's fund sector
    target: Decimal | None = None
    approved: bool = False
    actual: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class DamageFact:
    """Recorded damage of one PDNA sector in one district, in that sector's unit."""

    damage_sector: str
    district: str
    units: Decimal


@dataclass
class RollupRow:
    group: str  # "" for the fund
    standard: str
    measure: str
    actual: Decimal = Decimal(0)  # for a percentage: the percent
    target: Decimal | None = None
    numerator: Decimal = Decimal(0)
    denominator: Decimal = Decimal(0)
    damaged: Decimal | None = None
    answered: Decimal | None = None  # achieved in districts with this damage recorded
    indicators: int = 0
    approved_periods: int = 0
    percent_of_target: Decimal | None = None
    percent_of_damage: Decimal | None = None
    _target_sum: Decimal = field(default=Decimal(0), repr=False)
    _target_seen: bool = field(default=False, repr=False)
    _target_numerator: Decimal = field(default=Decimal(0), repr=False)
    _target_denominator: Decimal = field(default=Decimal(0), repr=False)


def percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if whole is None or whole <= 0:
        return None
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def group_of(fact: PeriodFact, by: str) -> str:
    if by == "fund":
        return ""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    return getattr(fact, by)


def _add(row: RollupRow, fact: PeriodFact) -> None:
    percentage = fact.measure == "percentage"
    if fact.approved:
        row.approved_periods += 1
        if percentage:
            if fact.numerator is not None and fact.denominator:
                row.numerator += fact.numerator
                row.denominator += fact.denominator
        elif fact.actual is not None:
            row.actual += fact.actual
    if fact.target is None:
        return
    if percentage:
        if fact.denominator:
            row._target_seen = True
            row._target_numerator += fact.target * fact.denominator / HUNDRED
            row._target_denominator += fact.denominator
    else:
        row._target_seen = True
        row._target_sum += fact.target


def _finish(row: RollupRow) -> None:
    if row.measure == "percentage":
        row.actual = percent(row.numerator, row.denominator) or Decimal(0)
        if row._target_seen:
            row.target = percent(row._target_numerator, row._target_denominator)
    elif row._target_seen:
        row.target = row._target_sum
    if row.target is not None:
        row.percent_of_target = percent(row.actual, row.target)
    if row.damaged is not None and row.measure != "percentage":
        row.answered = row.answered or Decimal(0)
        row.percent_of_damage = percent(row.answered, row.damaged)


def rollup(
    facts: list[PeriodFact],
    *,
    by: str,
    damage: list[DamageFact] = (),
    damage_sectors: dict[str, str] | None = None,
    measures: dict[str, str] | None = None,
) -> list[RollupRow]:
    """Rows per (group, standard), sorted by standard then group.

    `damage_sectors` maps a standard's code to the PDNA sector it answers; `measures` maps
    every standard to its measure, so a district with damage and no indicator yet still gets
    its row (0 of N). Facts of one standard must share its measure."""
    damage_sectors = damage_sectors or {}
    rows: dict[tuple[str, str], RollupRow] = {}
    indicators: dict[tuple[str, str], set[int]] = defaultdict(set)
    for fact in facts:
        key = (group_of(fact, by), fact.standard)
        row = rows.get(key)
        if row is None:
            row = rows[key] = RollupRow(group=key[0], standard=fact.standard, measure=fact.measure)
        indicators[key].add(fact.indicator_id)
        _add(row, fact)
    if by in ("fund", "district", "sector"):
        _attach_damage(rows, damage, damage_sectors, measures or {}, by)
        _attach_answered(rows, facts, damage, damage_sectors, by)
    for key, row in rows.items():
        row.indicators = len(indicators[key])
        _finish(row)
    return sorted(rows.values(), key=lambda r: (r.standard, r.group))


def _attach_damage(rows, damage, damage_sectors, measures, by) -> None:
    by_sector_district: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    by_sector: dict[str, Decimal] = defaultdict(Decimal)
    for item in damage:
        by_sector_district[(item.damage_sector, item.district)] += item.units
        by_sector[item.damage_sector] += item.units
    for standard, damage_sector in damage_sectors.items():
        if not damage_sector or by_sector.get(damage_sector, 0) <= 0:
            continue
        if by == "district":
            for (sector, district), units in by_sector_district.items():
                if sector != damage_sector or units <= 0:
                    continue
                row = rows.get((district, standard))
                if row is None and standard in measures:
                    row = rows[(district, standard)] = RollupRow(
                        group=district, standard=standard, measure=measures[standard]
                    )
                if row is not None:
                    row.damaged = units
        else:  # the fund, and each sector: the whole country's damage
            for (_group, row_standard), row in list(rows.items()):
                if row_standard == standard:
                    row.damaged = by_sector[damage_sector]
            if by == "fund" and ("", standard) not in rows and standard in measures:
                rows[("", standard)] = RollupRow(
                    group="",
                    standard=standard,
                    measure=measures[standard],
                    damaged=by_sector[damage_sector],
                )


def _attach_answered(rows, facts, damage, damage_sectors, by) -> None:
    damaged_districts = {(d.damage_sector, d.district) for d in damage if d.units > 0}
    for fact in facts:
        sector = damage_sectors.get(fact.standard)
        if not fact.approved or fact.actual is None or fact.measure == "percentage":
            continue
        if (sector, fact.district) not in damaged_districts:
            continue
        row = rows.get((group_of(fact, by), fact.standard))
        if row is not None and row.damaged is not None:
            row.answered = (row.answered or Decimal(0)) + fact.actual
