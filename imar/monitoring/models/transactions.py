"""Money flows of a project: commitments, disbursements and expenditures, each also in LYD."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.money import Currency, money_field
from imar.core.versioning import Versioned
from imar.monitoring.public import TransactionQuerySet


class TransactionKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    DISBURSEMENT = "disbursement", _("Disbursement")
    EXPENDITURE = "expenditure", _("Expenditure")


class Transaction(Versioned, models.Model):
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.PROTECT, related_name="transactions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    date = models.DateField(_("date"))
    amount = money_field(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # The amount in the base currency at the transaction's date (see portfolio.currency).
    amount_lyd = money_field(_("amount in LYD"), editable=False)
    provider = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receiver = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("receiver"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    # A disbursement may name the commitment it pays (same project), so finance can follow
    # each commitment to its payments and see what is still owed on it.
    pays = models.ForeignKey(
        "self",
        verbose_name=_("pays commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    override_reason = models.TextField(
        _("override reason"),
        blank=True,
        help_text=_("Why this disbursement may exceed what was committed."),
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.transaction",)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        db_table = "portfolio_transaction"  # kept from when portfolio held it
        ordering = ["-date", "-id"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transaction_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount_lyd__gt=0), name="transaction_amount_lyd_positive"
            ),
            models.CheckConstraint(
                condition=Q(override_reason="") | Q(kind="disbursement"),
                name="transaction_override_only_disbursement",
            ),
            models.CheckConstraint(
                condition=Q(pays__isnull=True) | Q(kind="disbursement"),
                name="transaction_pays_only_disbursement",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "kind", "date"], name="transaction_project_kind_idx"),
            models.Index(fields=["kind", "date"], name="transaction_kind_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency} {self.date}"

    @property
    def rate(self):
        """LYD per unit of the transaction's currency, as fixed when it was recorded."""
        return self.amount_lyd / self.amount if self.amount else None
