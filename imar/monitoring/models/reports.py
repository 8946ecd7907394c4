"""Field progress reports and their photos.

Photo originals keep their EXIF (including GPS) as evidence, so they live in a private
storage outside MEDIA_ROOT; what the public sees is a resized copy without metadata.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imar.core.models import english_text_field, pick_language
from imar.core.storage import private_storage
from imar.core.versioning import Versioned
from imar.monitoring.public import ProgressReportQuerySet, ReportPhotoQuerySet


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned")


class ProgressReport(Versioned, models.Model):
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="progress_reports"
    )
    report_date = models.DateField(_("report date"))
    physical_percent = models.DecimalField(
        _("physical progress (%)"), max_digits=5, decimal_places=2
    )
    progress_note = models.TextField(
        _("reason for the change in progress"),
        blank=True,
        help_text=_("Required when progress is lower than in the last verified report."),
    )
    narrative_ar = models.TextField(_("narrative (Arabic)"), blank=True)
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Chosen by the client before the first attempt, so a retried upload finds its report.
    client_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The token of the last correction applied, so a retried correction is not applied twice.
    correction_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.progressreport",)
    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        db_table = "portfolio_progressreport"  # kept from when portfolio held it
        ordering = ["-report_date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(physical_percent__gte=0) & Q(physical_percent__lte=100),
                name="report_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="report_geotag_both_or_neither",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False),
                name="report_verified_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["project", "status", "report_date"], name="report_project_status_idx"
            ),
            models.Index(fields=["status", "report_date"], name="report_status_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.report_date} {self.physical_percent}%"

    @property
    def narrative(self) -> str:
        return pick_language(self.narrative_ar, self.narrative_en)


class ReportPhoto(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    original = models.ImageField(
        _("photo"), upload_to="portfolio/reports/", storage=private_storage
    )
    public_image = models.ImageField(
        _("public copy"), upload_to="portfolio/reports/", blank=True, editable=False
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    caption_en = english_text_field(_("caption (English)"))
    created_at = models.DateTimeField(auto_now_add=True)

    # Its audit events before the move to monitoring (imar.accounts.audit.object_types).
    audit_former_types = ("portfolio.reportphoto",)
    objects = ReportPhotoQuerySet.as_manager()

    class Meta:
        db_table = "portfolio_reportphoto"  # kept from when portfolio held it
        ordering = ["report", "id"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"
