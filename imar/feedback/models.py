"""Citizens' cases on public projects, their photos and the staff's internal notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from imar.core.storage import private_storage
from imar.feedback.enums import Category, Status
from imar.feedback.public import CasePhotoQuerySet, CaseQuerySet

MAX_TEXT = 2000


class Case(models.Model):
    """What a citizen said about a project. Private unless stated: the reporter's text,
    contact and locations never leave; the public sees `public_text` (moderated) and the
    answer, once published."""

    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.PROTECT, related_name="citizen_cases"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    text = models.TextField(_("what happened"), max_length=MAX_TEXT)
    language = models.CharField(max_length=8, default="ar", editable=False)
    # Private: where the reporter says it is, and where the photos were taken (EXIF).
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    photo_latitude = models.FloatField(null=True, blank=True, editable=False)
    photo_longitude = models.FloatField(null=True, blank=True, editable=False)
    contact = models.CharField(_("contact (private)"), max_length=200, blank=True)
    # The tracking code is given to the reporter once; only its keyed hash is kept.
    tracking_hash = models.CharField(max_length=64, unique=True, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("due"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalation_level = models.PositiveSmallIntegerField(default=0, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    # Public once published (moderation): a moderated text and the answer in both languages.
    public_text = models.TextField(_("public text (moderated)"), blank=True, max_length=MAX_TEXT)
    answer_ar = models.TextField(_("public answer (Arabic)"), blank=True)
    answer_en = models.TextField(_("public answer (English)"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("citizen case")
        verbose_name_plural = _("citizen cases")
        indexes = [
            models.Index(fields=["project", "status"], name="feedback_case_project_idx"),
            models.Index(fields=["status", "due_at"], name="feedback_case_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="feedback_case_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category} {self.project_id}"

    @property
    def answer(self) -> str:
        if (get_language() or "ar").startswith("en") and self.answer_en:
            return self.answer_en
        return self.answer_ar or self.answer_en


class CasePhoto(models.Model):
    """A photo sent with a case: re-encoded without metadata (its EXIF position went to the
    case's private fields), kept in private storage and streamed by a view that asks
    `.public()` or the staff rule."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="feedback/", storage=private_storage)
    is_public = models.BooleanField(_("shown publicly"), default=False)

    objects = CasePhotoQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of case {self.case_id}"


class CaseNote(models.Model):
    """An internal note: staff only, never public."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"
