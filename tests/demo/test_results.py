"""The results demo step: indicators where damage was recorded, approved periods whose
totals stay within the recorded damage, the storm's roads in kilometres."""

import random
from datetime import date

from imar.demo import results as demo
from imar.geo.models import Municipality
from imar.needs.models import Assessment, DamageRecord
from imar.results import selectors
from imar.results.models import Indicator, IndicatorPeriod


def test_demo_results_are_plausible_against_the_damage(make_project, officer):
    storm = Assessment.objects.create(
        name_en="2023 Storm Daniel (test)", name_ar="العاصفة", conducted_on=date(2024, 1, 15)
    )
    derna = Municipality.objects.get(pcode="LY010102")
    shahhat = Municipality.objects.get(pcode="LY010601")
    for place, housing in ((derna, 10_000), (shahhat, 2_000)):
        DamageRecord.objects.create(
            assessment=storm, municipality=place, sector="housing", units_damaged=housing, damage=5
        )
        DamageRecord.objects.create(
            assessment=storm, municipality=place, sector="transport_telecom", damage=3
        )
    for n in range(12):
        make_project(
            municipality=derna if n % 3 else shahhat,
            sector="housing" if n % 2 else "roads_bridges",
            status="completed" if n % 4 else "implementation",
            planned_start=date(2024, 1, 1),
            planned_end=date(2025, 12, 31),
        )
    demo.load(rng=random.Random(7), options={}, log=lambda *_: None)

    roads = DamageRecord.objects.filter(assessment=storm, sector="transport_telecom")
    assert sum(roads.values_list("units_damaged", flat=True)) == 673  # the storm's km of road
    assert Indicator.objects.filter(project__isnull=False).count() == 12
    assert IndicatorPeriod.objects.filter(status="approved").exists()
    page = selectors.rollup_page(IndicatorPeriod.objects.all(), {})
    for row in page["groups"]["district"]:
        if row.damaged:
            assert row.answered <= row.damaged, row
            assert row.target <= row.damaged, row  # targets cover part of the damage
    housing = next(r for r in page["groups"]["fund"] if r.standard == "housing-units-rebuilt")
    assert housing.damaged == 12_000 and 0 < housing.answered < 12_000
    assert Indicator.objects.filter(program__isnull=False, measure="percentage").count() <= 1
