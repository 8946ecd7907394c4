"""Currency conversion: one place, latest rate on or before the date, clear errors."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from imar.portfolio.currency import ConversionError, RateTable, convert, rate_on
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def rates(db):
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.80")),
            ExchangeRate(currency="USD", date=date(2024, 7, 1), rate_to_lyd=Decimal("5.00")),
            ExchangeRate(currency="EUR", date=date(2024, 1, 1), rate_to_lyd=Decimal("5.20")),
        ]
    )


def test_conversion_uses_the_latest_rate_on_or_before_the_date(rates):
    assert convert(Decimal("100"), "USD", "LYD", date(2024, 6, 30)) == Decimal("480.00")
    assert convert(Decimal("100"), "USD", "LYD", date(2024, 7, 1)) == Decimal("500.00")
    assert convert(Decimal("100"), "USD", "LYD", date(2025, 1, 1)) == Decimal("500.00")


def test_conversion_between_two_foreign_currencies_goes_through_the_dinar(rates):
    # 100 EUR = 520 LYD = 104 USD at 5.00
    assert convert(Decimal("100"), "EUR", "USD", date(2024, 8, 1)) == Decimal("104.00")


def test_same_currency_is_unchanged_without_any_rate(db):
    assert convert(Decimal("12.34"), "LYD", "LYD", date(2020, 1, 1)) == Decimal("12.34")


def test_missing_rate_names_the_currency_and_the_date(rates):
    with pytest.raises(ConversionError) as error:
        convert(Decimal("1"), "USD", "LYD", date(2023, 12, 31))
    assert "USD" in str(error.value) and "2023-12-31" in str(error.value)
    with pytest.raises(ConversionError, match="GBP"):
        rate_on("GBP", date(2025, 1, 1))


def test_unknown_currency_is_refused_in_arabic(rates):
    with translation.override("ar"), pytest.raises(ConversionError) as error:
        convert(Decimal("1"), "XYZ", "LYD", date(2024, 8, 1))
    assert "XYZ" in str(error.value)
    assert "عملة" in str(error.value)


def test_rate_table_agrees_with_the_database_lookup(rates):
    table = RateTable.load()
    for day in [date(2024, 1, 1), date(2024, 3, 5), date(2024, 7, 1), date(2026, 1, 1)]:
        for code in ("USD", "EUR"):
            assert table.rate(code, day) == rate_on(code, day)
