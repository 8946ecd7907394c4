"""The exchange rates that put a project's money in one currency."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.money import Currency


class ExchangeRate(models.Model):
    """How many Libyan dinars one unit of `currency` was worth from `date` on."""

    date = models.DateField(_("date"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate_to_lyd = models.DecimalField(_("rate (LYD per unit)"), max_digits=18, decimal_places=6)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="exchange_rate_unique_day"),
            models.CheckConstraint(condition=Q(rate_to_lyd__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=~Q(currency="LYD"), name="exchange_rate_not_lyd"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.date}: {self.rate_to_lyd}"
