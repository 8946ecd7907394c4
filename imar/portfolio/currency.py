"""Currency conversion and the one money policy: which rate values which amount.

Rates are entered by staff as "LYD per unit of currency" from a date on; a conversion on
day d uses, for each currency, the latest rate dated on or before d. Converting between
two foreign currencies goes through the dinar. A missing rate is an error that names the
currency and the date, never a silent 1:1.

The policy (docs/money.md says the same for readers):

- a **budget** is valued at the rate in force on the project's planned start (its actual
  start when it has no planned one, the valuation day when it has neither): that is the
  baseline earned value is measured against. When no rate is that old, the rate of the
  valuation day is used. `budget_value`.
- a **commitment, disbursement or expenditure** is valued at the rate of its own date, once,
  when it is recorded (`Transaction.amount_lyd`; a later correction of a rate does not
  change it). `transaction_value`.
- an amount with no date of its own (damage and needs of an assessment) and a dinar figure
  **shown in another display currency** use the valuation day's rate. `amount_value`.
- a rate that is missing altogether makes the value missing (None), reported as such by
  the page or run that asked, never counted as zero.
"""

import bisect
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.core.money import Currency
from imar.portfolio.models import ExchangeRate

BASE = settings.IMAR_BASE_CURRENCY  # "LYD"
# The currencies figures, dashboards and planning pages can be shown in.
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


# ---- the money policy ------------------------------------------------------------------------


def budget_rate_day(*, planned_start, actual_start, valuation_day: dt.date) -> dt.date:
    """The day whose rate values a project's budget (see the module's policy)."""
    return planned_start or actual_start or valuation_day


def budget_value(
    rates: RateTable,
    amount: Decimal | None,
    currency: str,
    *,
    planned_start: dt.date | None,
    actual_start: dt.date | None = None,
    valuation_day: dt.date | None = None,
) -> Decimal | None:
    """A project budget in LYD: at the rate of its planned start, else of the valuation day
    (today unless told); None when no rate values it at all. Shown in another currency, the
    dinar value goes through `amount_value` like every dinar figure."""
    if amount is None:
        return None
    valuation_day = valuation_day or timezone.localdate()
    day = budget_rate_day(
        planned_start=planned_start, actual_start=actual_start, valuation_day=valuation_day
    )
    for on in dict.fromkeys((day, valuation_day)):
        try:
            return rates.convert(Decimal(amount), currency, BASE, on)
        except ConversionError:
            continue
    return None


def transaction_value(amount: Decimal, currency: str, on_date: dt.date) -> Decimal:
    """A commitment, disbursement or expenditure in LYD at the rate of its own date (raises
    ConversionError when there is none: money is not recorded without its rate)."""
    return convert(amount, currency, BASE, on_date)


def amount_value(
    rates: RateTable,
    amount: Decimal | None,
    currency: str,
    to: str,
    valuation_day: dt.date | None = None,
) -> Decimal | None:
    """An amount with no date of its own, or a dinar figure shown in a display currency, in
    `to` at the valuation day's rate (today unless told); None when there is no rate."""
    if amount is None:
        return None
    if currency == to:
        return Decimal(amount)
    try:
        return rates.convert(Decimal(amount), currency, to, valuation_day or timezone.localdate())
    except ConversionError:
        return None
