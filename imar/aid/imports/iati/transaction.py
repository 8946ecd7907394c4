"""`<transaction>`: type, date, value, currency, value-date, provider, receiver, country."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from imar.aid.imports.iati.narrative import first_text, firsts
from imar.aid.imports.iati.values import code, decimal, iso_date


@dataclass
class TransactionData:
    type_code: str
    date: dt.date | None
    value: Decimal
    currency: str
    value_date: dt.date | None
    provider_ref: str = ""
    provider_name: str = ""
    receiver_ref: str = ""
    receiver_name: str = ""
    recipient_country: str = ""
    description: str = ""


def _org(elem, lang: str) -> tuple[str, str]:
    if elem is None:
        return "", ""
    return code(elem.get("ref"), 200), first_text(elem, lang)[:500]


def transaction(elem, *, lang: str, default_currency: str, warnings: list[str]):
    """The transaction, or None (with a warning) when it has no usable type or value."""
    first = firsts(elem)
    type_elem, value_elem = first.get("transaction-type"), first.get("value")
    type_code = code(type_elem.get("code"), 3) if type_elem is not None else ""
    value = decimal(value_elem.text) if value_elem is not None else None
    if not type_code or value is None:
        warnings.append(_("A transaction without a type or a readable value was left out."))
        return None
    currency = code(value_elem.get("currency"), 3).upper() or default_currency
    if not currency:
        warnings.append(_("A transaction without a currency (and no default) was left out."))
        return None
    date_elem = first.get("transaction-date")
    day = iso_date(date_elem.get("iso-date")) if date_elem is not None else None
    provider_ref, provider_name = _org(first.get("provider-org"), lang)
    receiver_ref, receiver_name = _org(first.get("receiver-org"), lang)
    country = first.get("recipient-country")
    return TransactionData(
        type_code=type_code,
        date=day,
        value=value,
        currency=currency,
        value_date=iso_date(value_elem.get("value-date")) or day,
        provider_ref=provider_ref,
        provider_name=provider_name,
        receiver_ref=receiver_ref,
        receiver_name=receiver_name,
        recipient_country=code(country.get("code"), 2).upper() if country is not None else "",
        description=first_text(first.get("description"), lang),
    )
