"""Indicators, their periods, evidence and disaggregation, and the standard catalogue.

A period's actual is what was achieved within it (an increment, not a running total), so a
count, length or area indicator's total is the sum of its approved periods; a percentage
keeps its numerator and denominator, which add up the same way.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from imar.core.models import BilingualNamed, pick_language
from imar.core.storage import private_storage
from imar.core.versioning import Versioned
from imar.needs.enums import PdnaSector
from imar.results.enums import (
    Dimension,
    EvidenceKind,
    Measure,
    PeriodStatus,
    ResultType,
    Unit,
)
from imar.results.public import (
    DisaggregationQuerySet,
    EvidenceQuerySet,
    IndicatorQuerySet,
    PeriodQuerySet,
    StandardIndicatorQuerySet,
)


def value_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


class StandardIndicator(BilingualNamed):
    """An indicator the fund reuses across projects, so their values add up."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    result_type = models.CharField(
        _("result type"), max_length=2, choices=ResultType.choices, default=ResultType.OUTPUT
    )
    # The damage it answers: DamageRecord.units_damaged of this PDNA sector, counted in `unit`.
    damage_sector = models.CharField(
        _("damage sector"), max_length=32, choices=PdnaSector.choices, blank=True
    )
    # A closest indicator in an external IATI indicator vocabulary, when one exists.
    iati_vocabulary = models.CharField(_("IATI indicator vocabulary"), max_length=3, blank=True)
    iati_code = models.CharField(_("IATI indicator code"), max_length=40, blank=True)

    objects = StandardIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("standard indicator")
        verbose_name_plural = _("standard indicators")

    def search_source(self) -> list[str]:
        return [self.code, self.name_ar, self.name_en]


class Indicator(Versioned, models.Model):
    """What a project (or a program) promises to change, and how it is measured."""

    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
    )
    program = models.ForeignKey(
        "portfolio.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
    )
    standard = models.ForeignKey(
        StandardIndicator,
        verbose_name=_("standard indicator"),
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
    )
    result_type = models.CharField(
        _("result type"), max_length=2, choices=ResultType.choices, default=ResultType.OUTPUT
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    baseline_value = value_field(_("baseline value"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "program_id", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, program__isnull=True)
                | Q(project__isnull=True, program__isnull=False),
                name="indicator_of_project_or_program",
                violation_error_message=_("An indicator belongs to a project or a program."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="indicator_baseline_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["standard", "project"], name="indicator_standard_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    @property
    def is_percentage(self) -> bool:
        return self.measure == Measure.PERCENTAGE


class IndicatorPeriod(Versioned, models.Model):
    """A reporting period: its target and, once reported, what was achieved."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="periods"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    target_value = value_field(_("target"), null=True, blank=True)
    actual_value = value_field(_("actual value"), null=True, blank=True)
    # For a percentage: the actual is numerator / denominator × 100.
    actual_numerator = value_field(_("numerator"), null=True, blank=True)
    actual_denominator = value_field(_("denominator"), null=True, blank=True)
    narrative_ar = models.TextField(_("narrative (Arabic)"), blank=True)
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Chosen by the phone before the first attempt, so a retried upload finds its period.
    client_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["indicator_id", "period_start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="period_dates_in_order",
                violation_error_message=_("The period must not end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="period_one_per_start"
            ),
            models.CheckConstraint(
                condition=(Q(target_value__isnull=True) | Q(target_value__gte=0))
                & (Q(actual_value__isnull=True) | Q(actual_value__gte=0))
                & (Q(actual_numerator__isnull=True) | Q(actual_numerator__gte=0))
                & (Q(actual_denominator__isnull=True) | Q(actual_denominator__gt=0)),
                name="period_values_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="period_approved_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "indicator"], name="period_status_indicator_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_start}–{self.period_end}"

    @property
    def narrative(self) -> str:
        return pick_language(self.narrative_ar, self.narrative_en)

    @property
    def is_locked(self) -> bool:
        return self.status in (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED)

    @property
    def has_actual(self) -> bool:
        if self.indicator.measure == Measure.PERCENTAGE:
            return self.actual_numerator is not None and self.actual_denominator is not None
        return self.actual_value is not None

    @property
    def actual_display(self):
        """The actual as shown: a percentage computed from its parts."""
        if self.indicator.measure == Measure.PERCENTAGE:
            if self.actual_numerator is None or not self.actual_denominator:
                return None
            return (self.actual_numerator * 100 / self.actual_denominator).quantize(Decimal("0.1"))
        return self.actual_value


class PeriodDisaggregation(models.Model):
    """One category's share of a period's actual (women reached, units in one district)."""

    period = models.ForeignKey(
        IndicatorPeriod, on_delete=models.CASCADE, related_name="disaggregations"
    )
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=20)
    value = value_field(_("value"))

    objects = DisaggregationQuerySet.as_manager()

    class Meta:
        ordering = ["period_id", "dimension", "category"]
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "dimension", "category"], name="disaggregation_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="disaggregation_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.category} {self.value}"


class PeriodEvidence(models.Model):
    """A photo or document behind a period's actual. Originals stay in private storage;
    a photo's public copy is resized and without EXIF (no GPS)."""

    period = models.ForeignKey(IndicatorPeriod, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    original = models.FileField(_("file"), upload_to="results/evidence/", storage=private_storage)
    public_image = models.ImageField(
        _("public copy"), upload_to="results/evidence/", blank=True, editable=False
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["period_id", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.caption or f"{self.kind} {self.pk}"


__all__ = [
    "Indicator",
    "IndicatorPeriod",
    "PeriodDisaggregation",
    "PeriodEvidence",
    "StandardIndicator",
]
