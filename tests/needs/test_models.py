"""Integrity of the needs data, and the demo assessment's headline figures."""

import random
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from imar.demo import needs as demo
from imar.geo.models import District
from imar.needs.enums import FUND_TO_PDNA, PdnaSector, fund_sectors_for
from imar.needs.models import Assessment, DamageRecord, ProjectAppraisal, Scenario
from imar.portfolio.sectors import Sector


def test_negative_recovery_needs_are_refused_by_the_database(make_record):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_record(recovery_needs=Decimal("-1"))


def test_one_record_per_assessment_municipality_and_sector(make_record):
    make_record()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_record()
    make_record(sector="health")  # another sector of the same place is fine
    assert DamageRecord.objects.count() == 2


def test_staff_score_above_100_is_refused(make_project):
    project = make_project()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectAppraisal.objects.create(project=project, score=101)


def test_scenario_budget_must_be_positive(scoring_model):
    with pytest.raises(IntegrityError), transaction.atomic():
        Scenario.objects.create(name="x", budget=0, scoring_model=scoring_model)


def test_every_fund_sector_maps_to_a_pdna_sector():
    assert set(FUND_TO_PDNA) == set(Sector.values)
    assert set(FUND_TO_PDNA.values()) <= set(PdnaSector.values)
    assert fund_sectors_for(PdnaSector.HOUSING) == [Sector.HOUSING]
    assert fund_sectors_for(PdnaSector.TOURISM) == []


@pytest.fixture
def demo_loaded(gazetteer):
    demo.load(rng=random.Random(2023), options={}, log=lambda *_: None)


def test_demo_storm_assessment_matches_the_public_headline_figures(demo_loaded):
    storm = Assessment.objects.get(name_en__startswith="2023 Storm Daniel")
    assert storm.is_synthetic and "synthetic" in storm.name_en
    records = storm.records.all()
    assert set(records.values_list("currency", flat=True)) == {"USD"}
    totals = records.aggregate(needs=Sum("recovery_needs"), d=Sum("damage"), l=Sum("losses"))
    assert abs(totals["needs"] - Decimal(1_800_000_000)) < 1000
    assert abs(totals["d"] + totals["l"] - Decimal(1_650_000_000)) < 1000
    assert records.values("municipality").distinct().count() == 20

    damage = {
        row["municipality__pcode"]: row["total"]
        for row in records.values("municipality__pcode").annotate(total=Sum("damage"))
    }
    top_four = sum(sorted(damage.values(), reverse=True)[:4])
    assert top_four / sum(damage.values()) >= Decimal("0.80")
    assert set(sorted(damage, key=damage.get)[-4:]) == set(demo.HARDEST_HIT)

    by_sector = records.values("sector").annotate(total=Sum("damage")).order_by("-total")
    assert by_sector[0]["sector"] == PdnaSector.HOUSING


def test_demo_gives_every_district_some_needs(demo_loaded):
    with_needs = District.objects.filter(
        municipalities__damage_records__recovery_needs__gt=0
    ).distinct()
    assert with_needs.count() == District.objects.count() == 22
    assert Scenario.objects.count() == 3
    assert Scenario.objects.filter(rules__has_key="years").count() == 1
