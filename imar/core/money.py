"""Currencies and the money column. Exchange-rate conversion lives in imar/portfolio/currency.py."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY_MAX_DIGITS = 18
MONEY_DECIMAL_PLACES = 2
ZERO = Decimal("0.00")


class Currency(models.TextChoices):
    LYD = "LYD", _("Libyan dinar")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    GBP = "GBP", _("Pound sterling")
    EGP = "EGP", _("Egyptian pound")
    TRY = "TRY", _("Turkish lira")
    CNY = "CNY", _("Chinese yuan")
    AED = "AED", _("UAE dirham")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """A Decimal money column with the project-wide precision."""
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        **kwargs,
    )
