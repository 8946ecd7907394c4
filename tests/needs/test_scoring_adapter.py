"""The decision matrix built from the data: needs, people, cost, readiness, risk, staff score."""

import datetime as dt
from decimal import Decimal

import pytest

from imar.monitoring.models import Risk
from imar.needs.models import ProjectAppraisal
from imar.needs.money import Converter
from imar.needs.scoring_adapter import build_candidates, score_candidates
from imar.needs.selectors import needs_overview
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def usd_rate(db):
    return ExchangeRate.objects.create(
        currency="USD", date=dt.date(2020, 1, 1), rate_to_lyd=Decimal("4.8")
    )


def test_criteria_come_from_needs_people_cost_stage_risk_and_staff_score(
    make_project, make_record, usd_rate
):
    make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("1000000"))
    make_record(pcode="LY010102", sector="education", recovery_needs=Decimal("10"), currency="USD")
    housing = make_project(budget=Decimal("2000000"), beneficiaries=400, status="appraised")
    school = make_project(sector="education", budget=Decimal("500000"), beneficiaries=0)
    Risk.objects.create(project=housing, category="security", likelihood=3, impact=4)
    Risk.objects.create(
        project=housing, category="financial", likelihood=5, impact=5, status="closed"
    )
    ProjectAppraisal.objects.create(project=school, score=70)
    no_budget = make_project(budget=None)

    candidates, skipped = build_candidates([housing, school, no_budget], Converter("LYD"))
    assert skipped == {"no_budget": 1, "unconverted": 0}
    by_code = {c.project.code: c.features for c in candidates}
    assert by_code[housing.code] == {
        "need_severity": 1_000_000.0,
        "people_served": 400.0,
        "cost_per_beneficiary": 5000.0,
        "readiness": 2.0,
        "risk": 12.0,  # the closed 5x5 risk does not count
        "staff_score": 0.0,
    }
    assert by_code[school.code]["need_severity"] == 48.0  # US$10 at 4.8 LYD
    assert by_code[school.code]["staff_score"] == 70.0
    assert by_code[school.code]["cost_per_beneficiary"] == 500000.0


def test_scores_are_published_with_the_model_version(make_project, scoring_model):
    projects = [make_project(beneficiaries=n) for n in (10, 100, 1000)]
    candidates, _ = build_candidates(projects, Converter("LYD"))
    result = score_candidates(candidates, scoring_model.definition)
    assert result.model["version"] == "1"
    ranks = {row["id"]: row["rank"] for row in result.rows()}
    assert ranks[projects[2].code] == 1  # most people served at the same cost


def test_needs_page_converts_usd_needs_with_the_portfolio_rates(make_record, usd_rate):
    make_record(pcode="LY010102", recovery_needs=Decimal("1000"), currency="USD")
    make_record(pcode="LY010102", sector="health", recovery_needs=Decimal("200"))
    overview = needs_overview(currency="LYD")
    derna = next(row for row in overview.districts if row.district.iso_code == "LY-DR")
    assert derna.recovery_needs == Decimal("5000.00") and not overview.unconverted
    in_usd = needs_overview(currency="USD")
    derna_usd = next(row for row in in_usd.districts if row.district.iso_code == "LY-DR")
    assert derna_usd.recovery_needs == Decimal("1041.67")
