"""The showcase shows money one way: amount and currency name, conversions labelled."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from imar.forum.models import Showcase
from imar.forum.services.events import showcase_add
from imar.portfolio.models import ExchangeRate


def test_budget_and_funding_each_in_their_currency_with_a_labelled_conversion(
    client, event, make_project, officer
):
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("5"))
    project = make_project(budget=Decimal("13200000"), currency="LYD")
    showcase_add(
        by=officer, event=event, project=project, funding_amount="2,000,000",
        funding_currency="USD",
    )  # fmt: skip
    page = client.get(reverse("forum:showcase", args=[event.slug])).content.decode()
    # Budget 13.2 M LYD = 2.64 M USD; funding 2 M USD = 10 M LYD; each conversion says so.
    assert "13,200,000</bdi> Libyan dinar" in page
    assert "about <bdi>2,640,000</bdi> US dollar at the rate of <bdi>1 January 2024</bdi>" in page
    assert "2,000,000</bdi> US dollar" in page
    assert "about <bdi>10,000,000</bdi> Libyan dinar" in page
    assert "million" not in page and "USD 2" not in page
    client.cookies["imar_language"] = "ar"
    page = client.get(reverse("forum:showcase", args=[event.slug])).content.decode()
    assert "نحو" in page and "دينار ليبي" in page


def test_without_a_rate_no_conversion_is_made_up(client, event, make_project, officer):
    project = make_project(budget=Decimal("1000000"), currency="LYD")
    showcase_add(by=officer, event=event, project=project, funding_amount="5000")
    page = client.get(reverse("forum:showcase", args=[event.slug])).content.decode()
    assert "data-converted" not in page
    assert Showcase.objects.get().funding_amount == Decimal("5000")


@pytest.mark.parametrize("amount", ["-3", "abc", "0", "NaN"])
def test_bad_funding_amount_is_refused_naming_the_field(event, make_project, officer, amount):
    with pytest.raises(ValidationError) as info:
        showcase_add(by=officer, event=event, project=make_project(), funding_amount=amount)
    assert "funding_amount" in info.value.message_dict
    assert not Showcase.objects.exists()
