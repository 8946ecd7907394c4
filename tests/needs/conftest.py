"""Fixtures of the needs tests: damage records, a scoring model and scenarios run inline."""

from decimal import Decimal

import pytest

from imar.geo.models import Municipality
from imar.needs.models import Assessment, DamageRecord
from imar.needs.services import scoring_model_save

WEIGHTS = {
    "need_severity": 0.3,
    "people_served": 0.2,
    "cost_per_beneficiary": 0.15,
    "readiness": 0.15,
    "risk": 0.1,
    "staff_score": 0.1,
}


@pytest.fixture
def runs_inline(settings):
    """Scenario runs happen in the request's thread, so a test sees the result at once."""
    settings.IMAR_SCENARIO_RUNS_INLINE = True
    settings.IMAR_SCENARIO_TIME_LIMIT = 5.0


@pytest.fixture
def assessment(gazetteer) -> Assessment:
    return Assessment.objects.create(
        name_ar="تقييم تجريبي", name_en="Test assessment", conducted_on="2024-01-15"
    )


@pytest.fixture
def make_record(assessment):
    def make(pcode="LY010102", sector="housing", **fields) -> DamageRecord:
        defaults = {
            "damage": Decimal("700000"),
            "losses": Decimal("300000"),
            "recovery_needs": Decimal("1200000"),
            "currency": "LYD",
            "people_affected": 1000,
        }
        defaults.update(fields)
        return DamageRecord.objects.create(
            assessment=assessment,
            municipality=Municipality.objects.get(pcode=pcode),
            sector=sector,
            **defaults,
        )

    return make


@pytest.fixture
def scoring_model(officer):
    return scoring_model_save(
        by=officer, name="Test criteria", weights=WEIGHTS, method="weighted_sum"
    )
