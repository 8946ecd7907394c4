"""Milestones: the planned shape of a project's physical work."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.models import BilingualNamed
from imar.core.storage import private_storage
from imar.core.versioning import Versioned
from imar.monitoring.public import MilestoneQuerySet


class Milestone(Versioned, BilingualNamed):
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="milestones"
    )
    planned_date = models.DateField(_("planned date"))
    weight = models.DecimalField(
        _("weight"),
        max_digits=7,
        decimal_places=3,
        help_text=_("Share of the project's physical work (any scale; shares are normalized)."),
    )
    actual_date = models.DateField(_("actual completion date"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence document"),
        upload_to="portfolio/milestones/",
        storage=private_storage,  # internal evidence: no public URL
        blank=True,
    )

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.milestone",)
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        db_table = "portfolio_milestone"  # kept from when portfolio held it
        ordering = ["project", "planned_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="milestone_weight_not_negative")
        ]
        indexes = [
            models.Index(fields=["project", "planned_date"], name="milestone_project_date_idx")
        ]
