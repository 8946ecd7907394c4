"""Risks of a project: what could go wrong, how likely, how bad, and who watches it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.models import english_text_field, pick_language
from imar.core.versioning import Versioned


class RiskCategory(models.TextChoices):
    SECURITY = "security", _("Security")
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical")
    ENVIRONMENTAL = "environmental", _("Environmental")
    SOCIAL = "social", _("Social")
    PROCUREMENT = "procurement", _("Procurement")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATED = "mitigated", _("Mitigated")
    CLOSED = "closed", _("Closed")
    OCCURRED = "occurred", _("Occurred")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(Versioned, models.Model):
    project = models.ForeignKey("portfolio.Project", on_delete=models.CASCADE, related_name="risks")
    category = models.CharField(_("category"), max_length=16, choices=RiskCategory.choices)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=SCALE)
    mitigation = models.TextField(_("mitigation"), blank=True)
    mitigation_en = english_text_field(_("mitigation (English)"), long=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    owner_en = english_text_field(_("owner (English)"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.risk",)

    class Meta:
        db_table = "portfolio_risk"  # kept from when portfolio held it
        ordering = ["project", "-likelihood", "-impact", "id"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_1_5"
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact
