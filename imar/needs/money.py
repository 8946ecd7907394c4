"""Amounts of several currencies brought into one, by the portfolio's money policy.

`portfolio.currency` says which rate values what: a project's budget at its planned
start's rate in dinars (`Converter.budget`), then like any dinar figure; an amount with no date of its own (damage, needs) at the
valuation day's rate (calling the converter).
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from imar.portfolio.currency import BASE, RateTable, amount_value, budget_value


class Converter:
    """Converts amounts to `target` with the portfolio's exchange rates (loaded once).

    An amount that cannot be converted (no rate entered) gives None and its currency is
    remembered in `unconverted`, so pages can say which figures are left out.
    """

    def __init__(self, target: str = "LYD", on_date: dt.date | None = None) -> None:
        self.target = target
        self.on_date = on_date or timezone.localdate()
        self.unconverted: set[str] = set()
        self._table = RateTable.load()

    def __call__(self, amount: Decimal | None, currency: str) -> Decimal | None:
        if amount is None:
            return None
        return self._remember(
            amount_value(self._table, amount, currency, self.target, self.on_date), currency
        )

    def budget(self, project) -> Decimal | None:
        """A project's budget in the target currency, valued as the money policy says."""
        if project.budget is None:
            return None
        lyd = budget_value(
            self._table,
            project.budget,
            project.currency,
            planned_start=project.planned_start,
            actual_start=project.actual_start,
            valuation_day=self.on_date,
        )
        if lyd is None:
            return self._remember(None, project.currency)
        return self._remember(amount_value(self._table, lyd, BASE, self.target, self.on_date), BASE)

    def _remember(self, value: Decimal | None, currency: str) -> Decimal | None:
        if value is None:
            self.unconverted.add(currency)
        return value
