"""IATI values: ISO dates, decimals, percentages and codes, read leniently with warnings."""

import datetime as dt
from decimal import Decimal, InvalidOperation

MAX_VALUE = Decimal("1e17")


def iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def iso_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        day = iso_date(text)
        if day is None:
            return None
        moment = dt.datetime.combine(day, dt.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def decimal(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        return None
    return number.quantize(Decimal("0.01"))


def percentage(value: str | None) -> float | None:
    number = decimal(value)
    if number is None or number < 0 or number > 100:
        return None
    return float(number)


def code(value: str | None, length: int = 40) -> str:
    return (value or "").strip()[:length]
