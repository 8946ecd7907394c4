"""Transactions: positive amounts, known currencies with a rate, no future dates, and
disbursements never above commitments without a recorded override."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from imar.accounts.models import AuditEvent
from imar.monitoring.models import ProjectFigures, Transaction
from imar.monitoring.money import exchange_rate_set, transaction_create
from imar.portfolio.models import ExchangeRate

D = date(2025, 3, 1)


@pytest.fixture
def project(make_project, db):
    ExchangeRate.objects.create(currency="EUR", date=date(2025, 1, 1), rate_to_lyd=Decimal("5"))
    ExchangeRate.objects.create(currency="USD", date=date(2025, 1, 1), rate_to_lyd=Decimal("4.8"))
    return make_project()


def record(project, by, **fields):
    values = {"kind": "commitment", "date": D, "amount": "1000", "currency": "LYD"}
    values.update(fields)
    return transaction_create(by=by, project=project, **values)


def test_transaction_is_converted_to_dinars_at_its_date_and_audited(project, officer):
    row = record(project, officer, amount="200.50", currency="EUR")
    assert row.amount_lyd == Decimal("1002.50")
    assert AuditEvent.objects.filter(object_type="monitoring.transaction").count() == 1
    assert ProjectFigures.objects.get(project=project).committed_lyd == Decimal("1002.50")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "greater than zero"),
        ("0", "greater than zero"),
        ("abc", "number"),
        ("1e15", "too large"),
        ("1.234", "two decimal"),
    ],
)
def test_bad_amounts_are_refused_on_the_amount_field(project, officer, amount, message):
    with pytest.raises(ValidationError) as error:
        record(project, officer, amount=amount)
    assert message in " ".join(error.value.message_dict["amount"])
    assert not Transaction.objects.exists()


def test_unknown_currency_and_missing_rate_name_the_currency_field(project, officer):
    with pytest.raises(ValidationError) as error:
        record(project, officer, currency="XYZ")
    assert "XYZ" in error.value.message_dict["currency"][0]
    with pytest.raises(ValidationError) as error:
        record(project, officer, currency="GBP")
    assert "GBP" in error.value.message_dict["currency"][0]
    with pytest.raises(ValidationError) as error:
        record(project, officer, currency="EUR", date=date(2024, 12, 31))
    assert "2024-12-31" in error.value.message_dict["currency"][0]
    assert not Transaction.objects.exists()


def test_future_date_is_refused(project, officer):
    with pytest.raises(ValidationError) as error:
        record(project, officer, date=timezone.localdate() + timedelta(days=1))
    assert "future" in error.value.message_dict["date"][0]


def test_disbursement_above_commitments_is_refused_without_override(project, officer):
    record(project, officer, amount="1000")  # 1000 LYD committed
    record(project, officer, kind="disbursement", amount="100", currency="EUR")  # 500 LYD
    with pytest.raises(ValidationError) as error:
        record(project, officer, kind="disbursement", amount="101", currency="EUR")  # 505
    assert "1,005.00" in error.value.message_dict["amount"][0]
    assert Transaction.objects.filter(kind="disbursement").count() == 1


def test_override_reason_allows_it_and_is_recorded_with_its_author(project, officer):
    record(project, officer, amount="1000")
    row = record(
        project, officer, kind="disbursement", amount="1200", override_reason="Board decision 7"
    )
    assert row.override_reason == "Board decision 7" and row.override_by == officer
    event = (
        AuditEvent.objects.filter(object_type="monitoring.transaction").order_by("sequence").last()
    )
    assert event.reason == "Board decision 7"


def test_override_reason_is_not_kept_when_no_override_is_needed(project, officer):
    record(project, officer, amount="1000")
    row = record(project, officer, kind="disbursement", amount="10", override_reason="just in case")
    assert row.override_reason == "" and row.override_by is None


def test_commitment_cannot_carry_an_override(project, officer):
    with pytest.raises(ValidationError) as error:
        record(project, officer, override_reason="why not")
    assert "override_reason" in error.value.message_dict


def test_ceiling_refusal_is_translated(project, officer):
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        record(project, officer, kind="disbursement", amount="1")
    assert "الالتزام" in error.value.message_dict["amount"][0]


def test_exchange_rate_must_be_positive_and_foreign(officer):
    with pytest.raises(ValidationError) as error:
        exchange_rate_set(by=officer, currency="USD", date=D, rate_to_lyd="-1")
    assert "rate_to_lyd" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        exchange_rate_set(by=officer, currency="LYD", date=D, rate_to_lyd="1")
    assert "currency" in error.value.message_dict
    row = exchange_rate_set(by=officer, currency="USD", date=D, rate_to_lyd="4.9")
    again = exchange_rate_set(by=officer, currency="USD", date=D, rate_to_lyd="5.1")
    assert row.pk == again.pk and ExchangeRate.objects.get(pk=row.pk).rate_to_lyd == Decimal("5.1")


def test_transaction_page_shows_the_ceiling_refusal_on_the_field(client, project, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    url = f"/portfolio/projects/{project.code}/transactions/new/"
    body = {"kind": "disbursement", "date": "2025-03-01", "amount": "10", "currency": "EUR"}
    response = client.post(url, body)
    assert response.status_code == 200
    assert "سجّل سبب التجاوز" in response.content.decode()
    assert not Transaction.objects.exists()
    response = client.post(url, {**body, "override_reason": "Emergency works"})
    assert response.status_code == 302
    assert Transaction.objects.get().override_by == officer


def test_engineers_and_auditors_cannot_record_money(client, project, engineer, auditor):
    url = f"/portfolio/projects/{project.code}/transactions/new/"
    for user in (engineer, auditor):
        client.force_login(user)
        assert client.get(url).status_code == 403
