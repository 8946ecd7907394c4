"""The money page: committed, paid and spent in a year or period, by district and region,
the same sums as a direct recomputation, narrowed to what the reader may see."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.geo.models import Municipality
from imar.monitoring.models import Transaction
from imar.monitoring.money import transaction_create
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def money(make_project, officer, db):
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.8"))
    derna = make_project()
    tripoli = make_project(municipality=Municipality.objects.get(pcode="LY021104"))
    rows = [
        (derna, "commitment", date(2025, 3, 1), "1000", "LYD"),
        (derna, "disbursement", date(2025, 6, 1), "400", "LYD"),
        (derna, "commitment", date(2026, 2, 1), "100", "USD"),
        (tripoli, "commitment", date(2025, 4, 1), "2000", "LYD"),
        (tripoli, "expenditure", date(2025, 5, 1), "50", "LYD"),
    ]
    for project, kind, day, amount, currency in rows:
        transaction_create(
            by=officer, project=project, kind=kind, date=day, amount=amount, currency=currency
        )
    return derna, tripoli


def _row(summary, code):
    for region, rows in summary["regions"]:
        for row in rows:
            if row.code == code:
                return region, row
    raise AssertionError(code)


def test_sums_by_district_and_region_match_a_direct_recomputation(client, officer, money):
    client.force_login(officer)
    response = client.get(reverse("monitoring:money"), {"year": "2025"})
    assert response.status_code == 200
    summary = response.context["summary"]
    region, derna = _row(summary, "LY-DR")
    assert derna.amounts["commitment"] == Decimal("1000")  # the 2026 USD one is outside
    assert derna.amounts["disbursement"] == Decimal("400")
    assert derna.unpaid_commitment == Decimal("600")
    expected_total = sum(
        t.amount_lyd for t in Transaction.objects.filter(date__year=2025, kind="commitment")
    )
    assert summary["total"].amounts["commitment"] == expected_total == Decimal("3000")
    region_sum = sum(
        r.amounts["commitment"] for reg, rows in summary["regions"] if reg == region for r in rows
    )
    assert region.amounts["commitment"] == region_sum


def test_a_period_and_the_dollar_commitment_at_its_own_rate(client, officer, money):
    client.force_login(officer)
    response = client.get(reverse("monitoring:money"), {"start": "2026-01-01", "end": "2026-12-31"})
    total = response.context["summary"]["total"]
    assert total.amounts["commitment"] == Decimal("480.00")
    assert "4.8000" in response.content.decode()  # the rate shown beside the dollar amount


def test_bad_dates_say_which_field(client, officer, money, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    response = client.get(reverse("monitoring:money"), {"start": "01/02/2025", "year": "x"})
    body = response.content.decode()
    assert "From: enter a date as YYYY-MM-DD." in body
    assert "Year: enter a year such as 2026." in body


def test_the_engineer_sees_only_their_districts_money(client, engineer, money):
    client.force_login(engineer)
    summary = client.get(reverse("monitoring:money")).context["summary"]
    assert summary["total"].amounts["commitment"] == Decimal("1480.00")  # Derna only


def test_outsiders_are_refused(client, outsider, money):
    client.force_login(outsider)
    assert client.get(reverse("monitoring:money")).status_code == 403


def test_an_impossible_day_is_a_field_error_not_a_server_error(client, officer, money, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    response = client.get(reverse("monitoring:money"), {"end": "2025-02-30"})
    assert response.status_code == 200
    assert "To: enter a date as YYYY-MM-DD." in response.content.decode()
