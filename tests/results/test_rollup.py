"""The roll-up against a brute recomputation (fractions, one group at a time) and by hand."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from imar.results.rollup import DamageFact, PeriodFact, percent, rollup

D = Decimal
STANDARDS = {
    "houses": ("count", "housing"),
    "roads": ("length", "transport"),
    "back": ("percentage", ""),
}


def _fact(i, standard, **kw):
    measure = STANDARDS[standard][0]
    base = {"program": "", "district": "LY-DR", "sector": "housing"}
    return PeriodFact(indicator_id=i, standard=standard, measure=measure, **(base | kw))


def test_housing_against_damage_by_hand():
    facts = [
        _fact(1, "houses", approved=True, actual=D(3000), target=D(4000)),
        _fact(1, "houses", approved=False, actual=None, target=D(2000)),
        _fact(2, "houses", approved=True, actual=D(1210), target=D(1000), district="LY-JA"),
    ]
    damage = [DamageFact("housing", "LY-DR", D(10360)), DamageFact("housing", "LY-JA", D(8140))]
    (fund,) = list(rollup(facts, by="fund", damage=damage, damage_sectors={"houses": "housing"}))
    assert (fund.actual, fund.target, fund.damaged) == (D(4210), D(7000), D(18500))
    assert fund.answered == D(4210)
    assert fund.percent_of_damage == D("22.76")  # "4,210 of 18,500 damaged units rebuilt"
    assert fund.percent_of_target == D("60.14")
    assert (fund.indicators, fund.approved_periods) == (2, 2)
    by_district = {
        row.group: row
        for row in rollup(facts, by="district", damage=damage, damage_sectors={"houses": "housing"})
    }
    assert by_district["LY-DR"].actual == D(3000) and by_district["LY-DR"].damaged == D(10360)
    assert by_district["LY-JA"].percent_of_damage == D("14.86")


def test_only_the_damaged_districts_answer_the_damage():
    facts = [
        _fact(1, "houses", approved=True, actual=D(300)),
        _fact(2, "houses", approved=True, actual=D(900), district="LY-SB"),
    ]
    damage = [DamageFact("housing", "LY-DR", D(1000))]
    (fund,) = rollup(facts, by="fund", damage=damage, damage_sectors={"houses": "housing"})
    assert (fund.actual, fund.answered, fund.percent_of_damage) == (D(1200), D(300), D(30))


def test_district_with_damage_and_no_indicator_gets_a_zero_row():
    damage = [DamageFact("housing", "LY-BA", D(500))]
    rows = rollup(
        [],
        by="district",
        damage=damage,
        damage_sectors={"houses": "housing"},
        measures={"houses": "count"},
    )
    assert [(r.group, r.actual, r.damaged, r.percent_of_damage) for r in rows] == [
        ("LY-BA", D(0), D(500), D(0))
    ]


def test_percentage_weighs_by_denominator():
    facts = [
        _fact(1, "back", approved=True, numerator=D(90), denominator=D(100), target=D(80)),
        _fact(2, "back", approved=True, numerator=D(1), denominator=D(10), target=D(50)),
    ]
    (row,) = rollup(facts, by="fund")
    assert row.actual == D("82.73")  # 91 / 110, not the mean of 90% and 10%
    assert row.target == D("77.27")  # (80 + 5) / 110
    assert row.percent_of_damage is None


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError):
        rollup([_fact(1, "houses")], by="municipality")


def _random_facts(rng, n):
    facts = []
    for _ in range(n):
        standard = rng.choice(list(STANDARDS))
        approved = rng.random() < 0.6
        numerator = denominator = actual = None
        if standard == "back":
            denominator = D(rng.randint(1, 500))
            numerator = D(rng.randint(0, int(denominator))) if approved else None
        elif approved and rng.random() < 0.9:
            actual = D(rng.randint(0, 10_000)) / 4
        facts.append(
            _fact(
                rng.randint(1, 40),
                standard,
                program=rng.choice(["", "DRN", "BNG"]),
                district=rng.choice(["LY-DR", "LY-JA", "LY-BA", "LY-TB"]),
                sector=rng.choice(["housing", "roads_bridges"]),
                target=rng.choice([None, D(rng.randint(0, 100))]),
                approved=approved,
                actual=actual,
                numerator=numerator,
                denominator=denominator,
            )
        )
    return facts


def _brute(facts, damage, by, group, standard):
    """Recomputed with exact fractions from the facts of this one group."""
    mine = [
        f for f in facts if f.standard == standard and (by == "fund" or getattr(f, by) == group)
    ]
    measure = STANDARDS[standard][0]
    approved = [f for f in mine if f.approved]
    if measure == "percentage":
        num = sum((Fraction(f.numerator) for f in approved if f.numerator is not None), Fraction(0))
        den = sum(
            (Fraction(f.denominator) for f in approved if f.numerator is not None), Fraction(0)
        )
        actual = num * 100 / den if den else Fraction(0)
        with_target = [f for f in mine if f.target is not None and f.denominator]
        tden = sum((Fraction(f.denominator) for f in with_target), Fraction(0))
        target = (
            sum((Fraction(f.target) * Fraction(f.denominator) for f in with_target), Fraction(0))
            / tden
            if with_target
            else None
        )
    else:
        actual = sum((Fraction(f.actual) for f in approved if f.actual is not None), Fraction(0))
        targets = [Fraction(f.target) for f in mine if f.target is not None]
        target = sum(targets, Fraction(0)) if targets else None
    sector = STANDARDS[standard][1]
    damaged = None
    if sector and by in ("fund", "district", "sector"):
        units = [
            Fraction(d.units)
            for d in damage
            if d.damage_sector == sector and (by != "district" or d.district == group)
        ]
        damaged = sum(units, Fraction(0)) if units else None
    return actual, target, damaged, len({f.indicator_id for f in mine})


def _brute_answered(facts, damage, by, group, standard):
    """Achieved in the districts where the standard's damage was recorded."""
    sector = STANDARDS[standard][1]
    places = {d.district for d in damage if d.damage_sector == sector}
    return sum(
        (
            Fraction(f.actual)
            for f in facts
            if f.standard == standard
            and f.approved
            and f.actual is not None
            and f.district in places
            and (by == "fund" or getattr(f, by) == group)
        ),
        Fraction(0),
    )


def _close(decimal_value, fraction_value, places=2):
    if fraction_value is None:
        return decimal_value is None
    return abs(Fraction(decimal_value) - fraction_value) <= Fraction(1, 10**places) / 2


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("by", ["fund", "program", "district", "sector"])
def test_rollup_matches_brute_recomputation(seed, by):
    rng = random.Random(seed)
    facts = _random_facts(rng, rng.randint(0, 120))
    damage = [
        DamageFact(
            rng.choice(["housing", "transport"]),
            rng.choice(["LY-DR", "LY-JA", "LY-MJ"]),
            D(rng.randint(1, 9000)),
        )
        for _ in range(rng.randint(0, 6))
    ]
    sectors = {k: v[1] for k, v in STANDARDS.items()}
    measures = {k: v[0] for k, v in STANDARDS.items()}
    rows = rollup(facts, by=by, damage=damage, damage_sectors=sectors, measures=measures)
    keys = {(row.group, row.standard) for row in rows}
    expected_keys = {("" if by == "fund" else getattr(f, by), f.standard) for f in facts}
    assert expected_keys <= keys
    for row in rows:
        actual, target, damaged, indicators = _brute(facts, damage, by, row.group, row.standard)
        assert _close(row.actual, actual), (row, actual)
        assert _close(row.target, target) if target is not None else row.target is None
        if (row.group, row.standard) in expected_keys:
            assert row.indicators == indicators
            if by in ("fund", "district", "sector") and damaged:
                assert row.damaged == damaged
        else:  # only a damage row (no indicator there yet)
            assert row.indicators == 0 and row.damaged and row.actual == 0
        if row.damaged and row.measure != "percentage":
            assert _close(row.answered, _brute_answered(facts, damage, by, row.group, row.standard))
            assert row.percent_of_damage == percent(row.answered, row.damaged)


def test_percent_rounds_half_up_and_refuses_no_whole():
    assert percent(D(1), D(8)) == D("12.50")
    assert percent(D(1), D(0)) is None and percent(D(1), None) is None
