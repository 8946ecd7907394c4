"""Amounts of several currencies brought into one, through the portfolio's one converter."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone


class Converter:
    """Converts amounts to `target` with the portfolio's exchange rates (loaded once).

    An amount that cannot be converted (no rate entered) gives None and its currency is
    remembered in `unconverted`, so pages can say which figures are left out.
    """

    def __init__(self, target: str = "LYD", on_date: dt.date | None = None) -> None:
        self.target = target
        self.on_date = on_date or timezone.localdate()
        self.unconverted: set[str] = set()
        try:
            from imar.portfolio.currency import ConversionError, RateTable
        except ImportError:  # the converter is not installed: only same-currency figures
            self._table, self._error = None, ()
        else:
            self._table, self._error = RateTable.load(), ConversionError

    def __call__(self, amount: Decimal | None, currency: str) -> Decimal | None:
        if amount is None:
            return None
        if currency == self.target:
            return Decimal(amount)
        if self._table is None:
            self.unconverted.add(currency)
            return None
        try:
            return self._table.convert(Decimal(amount), currency, self.target, self.on_date)
        except self._error:
            self.unconverted.add(currency)
            return None
