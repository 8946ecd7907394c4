"""Finance: a disbursement names the commitment it pays; the form previews the rate and the
LYD amount before saving, and a missing rate links to the rates page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from imar.monitoring.money import transaction_create
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def project(make_project, db):
    ExchangeRate.objects.create(currency="USD", date=date(2025, 1, 1), rate_to_lyd=Decimal("4.8"))
    return make_project()


def _record(project, by, **fields):
    values = {"kind": "commitment", "date": date(2025, 3, 1), "amount": "1000", "currency": "LYD"}
    values.update(fields)
    return transaction_create(by=by, project=project, **values)


def test_a_disbursement_pays_a_commitment_within_what_it_committed(project, finance):
    commitment = _record(project, finance)
    first = _record(project, finance, kind="disbursement", amount="600", pays=commitment)
    assert list(commitment.payments.all()) == [first]
    with pytest.raises(ValidationError) as error:
        _record(project, finance, kind="disbursement", amount="500", pays=commitment)
    assert "pays" in error.value.message_dict
    overridden = _record(
        project,
        finance,
        kind="disbursement",
        amount="500",
        pays=commitment,
        override_reason="variation order 3 approved",
    )
    assert overridden.pays == commitment


def test_only_a_disbursement_pays_and_only_this_projects_commitments(
    project, finance, make_project
):
    other = make_project()
    foreign = _record(other, finance)
    with pytest.raises(ValidationError) as error:
        _record(project, finance, kind="disbursement", amount="10", pays=foreign)
    assert "pays" in error.value.message_dict
    own = _record(project, finance)
    with pytest.raises(ValidationError):
        _record(project, finance, kind="expenditure", amount="10", pays=own)


def test_the_form_offers_this_projects_commitments_and_saves_the_link(client, finance, project):
    commitment = _record(project, finance)
    client.force_login(finance)
    url = reverse("monitoring:transaction_new", args=[project.code])
    page = client.get(url)
    assert list(page.context["form"].fields["pays"].queryset) == [commitment]
    response = client.post(
        url,
        {
            "kind": "disbursement",
            "date": "2025-04-01",
            "amount": "250",
            "currency": "LYD",
            "pays": commitment.pk,
        },
    )
    assert response.status_code == 302
    assert commitment.payments.get().amount == Decimal("250.00")


def test_the_preview_shows_rate_amount_and_the_ceiling(client, finance, project, settings):
    _record(project, finance)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(finance)
    url = reverse("monitoring:transaction_preview", args=[project.code])
    body = client.get(
        url, {"kind": "disbursement", "date": "2025-04-01", "amount": "250", "currency": "USD"}
    ).content.decode()
    assert "1 USD = 4.8000 LYD" in body
    assert "1,200.00 LYD" in body  # 250 x 4.8
    assert "above what was committed" in body  # 1,200 paid of 1,000 committed


def test_a_missing_rate_links_to_the_rates_page(client, finance, project, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(finance)
    url = reverse("monitoring:transaction_preview", args=[project.code])
    body = client.get(
        url, {"date": "2025-04-01", "amount": "5", "currency": "EUR"}
    ).content.decode()
    assert reverse("monitoring:exchange_rates") in body


def test_the_preview_is_for_those_who_record_money(client, engineer, project):
    client.force_login(engineer)
    url = reverse("monitoring:transaction_preview", args=[project.code])
    assert client.get(url).status_code == 403
