"""One way to show money on the showcase: the amount in its own currency (by name, in the
reader's language), and beside it a conversion that says it is one and at which rate day."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format

from imar.core.money import Currency
from imar.portfolio.currency import ConversionError, convert
from imar.portfolio.models import ExchangeRate

# A budget in dinars is also shown in dollars, anything else in dinars.
_OTHER = {"LYD": "USD"}


@dataclass(frozen=True)
class Shown:
    amount: str  # "13,200,000"
    currency: str  # "Libyan dinar", translated
    code: str
    converted: str = ""  # "2,700,000" in the other currency, or empty without a rate
    converted_currency: str = ""
    converted_code: str = ""
    rate_day: dt.date | None = None


def _format(value: Decimal) -> str:
    return number_format(value.quantize(Decimal(1)), decimal_pos=0, force_grouping=True)


def shown(amount, code: str, *, on: dt.date | None = None) -> Shown | None:
    """``amount`` of ``code`` with its conversion (to USD from LYD, else to LYD)."""
    if amount is None:
        return None
    amount = Decimal(amount)
    other = _OTHER.get(code, "LYD")
    day = on or timezone.localdate()
    base = Shown(_format(amount), str(Currency(code).label), code)
    try:
        value = convert(amount, code, other, day)
    except ConversionError:
        return base
    foreign = code if code != "LYD" else other
    rate_day = (
        ExchangeRate.objects.filter(currency=foreign, date__lte=day)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return Shown(
        base.amount,
        base.currency,
        code,
        _format(value),
        str(Currency(other).label),
        other,
        rate_day,
    )
