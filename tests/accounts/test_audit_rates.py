"""Exchange-rate corrections keep the old value; past transactions keep the rate they used."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import AuditEvent
from imar.monitoring.money import exchange_rate_set, transaction_create
from imar.portfolio.models import ExchangeRate

JAN = date(2025, 1, 1)


def rate_events():
    return list(
        AuditEvent.objects.filter(object_type="portfolio.exchangerate").order_by("sequence")
    )


def test_a_correction_keeps_the_old_value_and_its_reason(officer, db):
    exchange_rate_set(by=officer, currency="USD", date=JAN, rate_to_lyd="4.9")
    exchange_rate_set(by=officer, currency="USD", date=JAN, rate_to_lyd="4.9")  # no change
    exchange_rate_set(
        by=officer, currency="USD", date=JAN, rate_to_lyd="5.1", reason="Central bank bulletin 3"
    )
    created, corrected = rate_events()
    assert created.changes == {"rate_to_lyd": [None, "4.900000"]}
    assert corrected.changes == {"rate_to_lyd": ["4.900000", "5.100000"]}
    assert corrected.reason == "Central bank bulletin 3" and corrected.actor == officer
    assert ExchangeRate.objects.get().rate_to_lyd == Decimal("5.1")


def test_a_transaction_keeps_the_rate_it_was_converted_at(officer, make_project):
    exchange_rate_set(by=officer, currency="EUR", date=JAN, rate_to_lyd="5")
    row = transaction_create(
        by=officer, project=make_project(), kind="commitment", date=date(2025, 2, 1),
        amount="100.00", currency="EUR",
    )  # fmt: skip
    exchange_rate_set(by=officer, currency="EUR", date=JAN, rate_to_lyd="5.5", reason="typo")
    row.refresh_from_db()
    assert row.amount_lyd == Decimal("500.00")
    recorded = AuditEvent.objects.get(object_type="monitoring.transaction", object_id=str(row.pk))
    assert recorded.changes["rate_to_lyd"] == [None, "5.000000"]
    assert recorded.changes["amount"] == [None, "100.00 EUR"]


def test_the_rates_page_lists_corrections_in_arabic(client, officer, db):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    url = reverse("monitoring:exchange_rates")
    body = {"currency": "USD", "date": "2025-01-01", "rate_to_lyd": "4.9"}
    assert client.post(url, body).status_code == 302
    response = client.post(url, {**body, "rate_to_lyd": "5.1", "reason": "نشرة المصرف المركزي"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "التصحيحات" in page
    assert "4.900000" in page and "5.100000" in page and "نشرة المصرف المركزي" in page


def test_the_api_takes_the_reason_of_a_correction(officer, db):
    api = APIClient()
    api.force_authenticate(officer)
    body = {"currency": "USD", "date": "2025-01-01", "rate_to_lyd": "4.9"}
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 201
    body.update(rate_to_lyd="5.0", reason="Bulletin 4")
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 201
    assert rate_events()[-1].reason == "Bulletin 4"
    assert rate_events()[-1].changes["rate_to_lyd"] == ["4.900000", "5.000000"]


@pytest.mark.parametrize("who", ["engineer", "auditor"])
def test_only_money_staff_correct_rates(who, request, officer, db):
    exchange_rate_set(by=officer, currency="USD", date=JAN, rate_to_lyd="4.9")
    api = APIClient()
    api.force_authenticate(request.getfixturevalue(who))
    body = {"currency": "USD", "date": "2025-01-01", "rate_to_lyd": "9"}
    assert api.post("/api/v1/exchange-rates/", body, format="json").status_code == 403
    assert ExchangeRate.objects.get().rate_to_lyd == Decimal("4.9")
