"""Project documents: studies, contracts, certificates and reports, public or staff-only.

Every file lives in private storage, whatever its visibility: a public document is streamed
by a view that checks the document and its project are both public, so making a document
(or its project) private takes effect at once, with no stale public URL left behind.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imar.core.models import pick_language
from imar.core.storage import private_storage
from imar.portfolio.public import ProjectDocumentQuerySet


class DocumentCategory(models.TextChoices):
    """Mapped to OC4IDS documentType and IATI DocumentCategory in `opendata/codes.py`."""

    FEASIBILITY_STUDY = "feasibility_study", _("Feasibility study")
    ENVIRONMENTAL_IMPACT = "environmental_impact", _("Environmental impact assessment")
    DESIGN = "design", _("Design report")
    PROCUREMENT_NOTICE = "procurement_notice", _("Procurement notice")
    CONTRACT = "contract", _("Contract")
    PROGRESS_REPORT = "progress_report", _("Progress report")
    COMPLETION_CERTIFICATE = "completion_certificate", _("Completion certificate")
    EVALUATION = "evaluation", _("Evaluation")
    PHOTOS = "photos", _("Photos and illustrations")
    OTHER = "other", _("Other")


class ProjectDocument(models.Model):
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="documents"
    )
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=DocumentCategory, default=DocumentCategory.OTHER
    )
    file = models.FileField(
        _("file"),
        upload_to="portfolio/documents/",
        storage=private_storage,  # always private; public ones go through a checking view
    )
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public portal and in open data.")
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ProjectDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-document_date", "id"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        indexes = [
            models.Index(fields=["project", "is_public"], name="document_project_public_idx")
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)
