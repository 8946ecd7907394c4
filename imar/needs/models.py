"""Damage and needs (assessments and their records), scoring models, appraisals, scenarios."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.models import BilingualNamed, english_text_field, pick_language
from imar.core.money import Currency, money_field
from imar.core.versioning import Versioned
from imar.geo.models import Municipality
from imar.needs.enums import (
    CRITERION_LABELS,
    NORMALIZATION_LABELS,
    PdnaSector,
    ScenarioStatus,
    ScoringMethod,
)
from imar.needs.public import AssessmentQuerySet, DamageRecordQuerySet, ScoringModelQuerySet
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project


def criterion_rows(definition: dict | None) -> list[tuple[dict, float]]:
    definition = definition or {}
    criteria, weights = definition.get("criteria", []), definition.get("weights", [])
    return [
        (
            {
                **c,
                "label": CRITERION_LABELS.get(c["name"], c["name"]),
                "normalization_label": NORMALIZATION_LABELS.get(
                    c.get("normalization"), c.get("normalization")
                ),
            },
            w,
        )
        for c, w in zip(criteria, weights, strict=False)
    ]


class Assessment(Versioned, BilingualNamed):
    """A damage and needs assessment (e.g. the 2023 storm's RDNA, a national survey)."""

    source = models.CharField(_("source"), max_length=300, blank=True)
    conducted_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    notes_en = english_text_field(_("notes (English)"), long=True)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Invented figures, for demonstration only.")
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-conducted_on", "name_en"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")


class DamageRecord(Versioned, models.Model):
    """Damage, losses and recovery needs of one sector in one municipality."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="records"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="damage_records",
    )
    sector = models.CharField(_("sector"), max_length=32, choices=PdnaSector.choices)
    damage = money_field(_("damage"), default=0)
    losses = money_field(_("losses"), default=0)
    recovery_needs = money_field(_("recovery needs"), default=0)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    people_affected = models.PositiveIntegerField(_("people affected"), default=0)
    units_damaged = models.PositiveIntegerField(_("units damaged"), default=0)

    objects = DamageRecordQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_id", "municipality__name_en", "sector"]
        verbose_name = _("damage record")
        verbose_name_plural = _("damage records")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "municipality", "sector"],
                name="damage_record_one_per_place_and_sector",
            ),
            models.CheckConstraint(
                condition=Q(damage__gte=0) & Q(losses__gte=0) & Q(recovery_needs__gte=0),
                name="damage_record_amounts_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["sector", "municipality"], name="damage_sector_municipality_idx")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.get_sector_display()}"


class ScoringModel(Versioned, models.Model):
    """A published set of criteria and weights; used versions are never changed."""

    name = models.CharField(_("name"), max_length=200)
    name_en = english_text_field(_("name (English)"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=ScoringMethod.choices,
        default=ScoringMethod.WEIGHTED_SUM,
    )
    # ScoringModel.to_dict() of imar.needs.scoring: criteria, weights, method, pairwise.
    definition = models.JSONField(_("criteria and weights"))
    pairwise = models.JSONField(_("AHP pairwise comparisons"), null=True, blank=True)
    consistency_ratio = models.FloatField(_("consistency ratio"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    notes_en = english_text_field(_("notes (English)"), long=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScoringModelQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("scoring model")
        verbose_name_plural = _("scoring models")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="scoring_model_version_unique")
        ]

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)

    def __str__(self) -> str:
        return f"{self.display_name} v{self.version}"

    def rows(self) -> list[tuple[dict, float]]:
        """(criterion with its translated label, normalized weight) for display."""
        return criterion_rows(self.definition)


class ProjectAppraisal(models.Model):
    """The staff's own score of a candidate project (0-100), one criterion of the scoring."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="appraisal")
    score = models.PositiveSmallIntegerField(
        _("staff score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project appraisal")
        verbose_name_plural = _("project appraisals")
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="appraisal_score_at_most_100")
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.score}"


def default_stages() -> list[str]:
    return [ProjectStatus.IDENTIFIED, ProjectStatus.APPRAISED]


class Scenario(Versioned, models.Model):
    """A budget, its balance rules, a scoring model and a candidate set; and its result."""

    name = models.CharField(_("name"), max_length=200)
    name_en = english_text_field(_("name (English)"), max_length=200)
    budget = money_field(_("budget"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.LYD
    )
    # {"regions"|"districts": {code: {"min_share", "max_share"}}, "sectors": {code: {"max_share"}},
    #  "mandatory": [project code]}; shares are fractions of the budget.
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    scoring_model = models.ForeignKey(
        ScoringModel, verbose_name=_("scoring model"), on_delete=models.PROTECT, related_name="+"
    )
    candidate_stages = models.JSONField(_("lifecycle stages"), default=default_stages)
    district_filter = models.JSONField(_("districts"), default=list, blank=True)
    sector_filter = models.JSONField(_("sectors"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The run in progress: its id, the worker that took it ("host:pid:thread") and when that
    # worker last said it was alive. A run whose worker is gone is failed (scenarios.py).
    run_id = models.UUIDField(null=True, blank=True, editable=False)
    run_owner = models.CharField(max_length=200, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="scenario_budget_positive")
        ]

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)

    def __str__(self) -> str:
        return self.display_name

    @property
    def failure(self) -> str:
        """Why the run failed, in the active language when Imar itself stopped it."""
        # runs.py imports these models (a real cycle).
        from imar.needs.runs import failure_message

        return failure_message(self)

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
