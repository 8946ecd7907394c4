"""Per-project monitoring figures, kept up to date by the monitoring services.

Dashboards over 100,000 projects cannot replay every project's EVM on each request, so
each write (report verified, transaction, milestone) recomputes its project's row here
with the pure `portfolio.evm` module, and `imar monitoring_refresh` moves every row to a
new date (planned value grows with time). Dashboards then aggregate these rows in SQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from imar.core.money import money_field


class ProjectFigures(models.Model):
    project = models.OneToOneField(
        "portfolio.Project", on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    as_of = models.DateField(_("as of"))
    # None when no exchange rate values the budget (the money policy: missing, not zero).
    budget_lyd = money_field(_("budget (LYD)"), null=True, blank=True)
    committed_lyd = money_field(_("committed (LYD)"), default=0)
    disbursed_lyd = money_field(_("disbursed (LYD)"), default=0)
    spent_lyd = money_field(_("spent (LYD)"), default=0)
    progress_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    planned_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    last_verified_on = models.DateField(null=True, blank=True)
    pv = money_field(_("planned value"), default=0)
    ev = money_field(_("earned value"), default=0)
    spi = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    cpi = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.projectfigures",)

    class Meta:
        db_table = "portfolio_projectfigures"  # kept from when portfolio held it
        verbose_name = _("project figures")
        verbose_name_plural = _("project figures")
        indexes = [
            models.Index(fields=["spi"], name="figures_spi_idx"),
            models.Index(fields=["cpi"], name="figures_cpi_idx"),
            models.Index(fields=["last_verified_on"], name="figures_last_report_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} as of {self.as_of}"
