"""Currency conversion: the one place that turns an amount into another currency.

Rates are entered by staff as "LYD per unit of currency" from a date on; a conversion on
day d uses, for each currency, the latest rate dated on or before d. Converting between
two foreign currencies goes through the dinar. A missing rate is an error that names the
currency and the date, never a silent 1:1.
"""

import bisect
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from imar.core.money import Currency

BASE = settings.IMAR_BASE_CURRENCY  # "LYD"
DISPLAY_CURRENCIES = ("LYD", "USD")
CENT = Decimal("0.01")


class ConversionError(ValueError):
    """An amount that cannot be converted; the message is translated and says why."""


def _check_currency(code: str) -> None:
    if code not in Currency.values:
        raise ConversionError(_("“%(code)s” is not a known currency.") % {"code": code})


def _missing(code: str, on_date: dt.date) -> ConversionError:
    return ConversionError(
        _("No exchange rate for %(currency)s on or before %(date)s: enter one first.")
        % {"currency": code, "date": on_date.isoformat()}
    )


class RateTable:
    """Every rate of some currencies, in memory: for converting many amounts at once."""

    def __init__(self, rows):
        dates: dict[str, list[dt.date]] = defaultdict(list)
        rates: dict[str, list[Decimal]] = defaultdict(list)
        for code, day, rate in sorted(rows):
            dates[code].append(day)
            rates[code].append(Decimal(rate))
        self._dates, self._rates = dict(dates), dict(rates)

    @classmethod
    def load(cls, currencies=None) -> "RateTable":
        from imar.portfolio.models import ExchangeRate

        rows = ExchangeRate.objects.all()
        if currencies is not None:
            rows = rows.filter(currency__in=list(currencies))
        return cls(rows.values_list("currency", "date", "rate_to_lyd"))

    def rate(self, code: str, on_date: dt.date) -> Decimal:
        """LYD per unit of `code` on `on_date`."""
        _check_currency(code)
        if code == BASE:
            return Decimal(1)
        days = self._dates.get(code, [])
        i = bisect.bisect_right(days, on_date)
        if not i:
            raise _missing(code, on_date)
        return self._rates[code][i - 1]

    def convert(self, amount: Decimal, currency: str, to: str, on_date: dt.date) -> Decimal:
        _check_currency(to)
        if currency == to:
            _check_currency(currency)
            return Decimal(amount)
        lyd = Decimal(amount) * self.rate(currency, on_date)
        result = lyd if to == BASE else lyd / self.rate(to, on_date)
        return result.quantize(CENT, rounding=ROUND_HALF_UP)


def rate_on(code: str, on_date: dt.date) -> Decimal:
    """LYD per unit of `code` on `on_date`, from the database (one query)."""
    from imar.portfolio.models import ExchangeRate

    _check_currency(code)
    if code == BASE:
        return Decimal(1)
    row = (
        ExchangeRate.objects.filter(currency=code, date__lte=on_date)
        .order_by("-date")
        .values_list("date", "rate_to_lyd")
        .first()
    )
    if row is None:
        raise _missing(code, on_date)
    return RateTable([(code, row[0], row[1])]).rate(code, on_date)


def convert(amount: Decimal, currency: str, to: str, on_date: dt.date) -> Decimal:
    """`amount` of `currency` expressed in `to` on `on_date`, rounded to the cent."""
    _check_currency(currency)
    _check_currency(to)
    codes = {currency, to} - {BASE}
    rows = []
    for code in codes:
        rows.append((code, on_date, rate_on(code, on_date)))
    return RateTable(rows).convert(amount, currency, to, on_date)


def display_currency(request_or_value) -> str:
    """LYD unless USD is asked for (``?currency=USD``): the two currencies figures use."""
    value = getattr(request_or_value, "GET", {}).get("currency", request_or_value)
    return value if value in DISPLAY_CURRENCIES else BASE
