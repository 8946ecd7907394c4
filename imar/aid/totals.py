"""Which donor money counts, and in dinars: pure (no Django).

A donor transaction of type T from an activity with a confirmed link to a fund project
counts in the totals only when that link says the donor's record counts for T; otherwise
the fund's own record of that money counts and the donor's is left out, so one payment is
never added twice. Unlinked activities count in full. Conversion uses the fund's rate
table on the value-date (`imar.portfolio.currency.RateTable`); an amount without a rate is
missing and counted as such, never as zero.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Money:
    """A sum in one currency and what could not be converted into it."""

    total: Decimal = Decimal(0)
    missing: int = 0  # transactions without a rate
    missing_currencies: set[str] = field(default_factory=set)
    left_out: int = 0  # transactions the fund's record covers

    def add(self, value: Decimal | None, currency: str) -> None:
        if value is None:
            self.missing += 1
            self.missing_currencies.add(currency)
        else:
            self.total += value


def counts(type_code: str, activity_links: list[dict]) -> bool:
    """Whether a donor transaction of this type counts, given its activity's confirmed
    links as [{"counting": {type: "fund"|"donor"}}]."""
    if not activity_links:
        return True
    return all(
        link.get("counting", {}).get(type_code, "fund") == "donor" for link in activity_links
    )


def convert(rates, value: Decimal, currency: str, to: str, day) -> Decimal | None:
    from imar.portfolio.currency import ConversionError

    if day is None:
        return None
    try:
        return rates.convert(value, currency, to, day)
    except ConversionError:
        return None


def by_key(rows, links_of, rates, to: str, key) -> dict:
    """{key(row): {type_code: Money}} over transaction rows (objects with type_code, value,
    currency, rate_day, activity_id); `links_of(activity_id)` gives its confirmed links."""
    out: dict = defaultdict(lambda: defaultdict(Money))
    for row in rows:
        money = out[key(row)][row.type_code]
        if not counts(row.type_code, links_of(row.activity_id)):
            money.left_out += 1
            continue
        money.add(convert(rates, row.value, row.currency, to, row.rate_day), row.currency)
    return out
