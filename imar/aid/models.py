"""Donors' IATI activities as imported, their transactions, their links to the fund's
projects, and the kept report of each import."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from imar.aid.enums import CountingSource, LinkStatus, RunStatus
from imar.aid.public import DonorActivityQuerySet, DonorTransactionQuerySet
from imar.core.models import pick_language


class ImportRun(models.Model):
    """One file imported (or refused as a whole), with its report kept."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    started_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices)
    iati_version = models.CharField(_("IATI version"), max_length=8, blank=True)
    error = models.TextField(_("error"), blank=True)
    # {"created": n, "updated": n, "unchanged": n, "skipped": n, "refused": n}
    counts = models.JSONField(default=dict)
    # [{"identifier", "outcome", "reason", "warnings": [...]}], in file order
    rows = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("IATI import")
        verbose_name_plural = _("IATI imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})" if self.started_at else ""

    def get_absolute_url(self) -> str:
        return reverse("aid:import_detail", args=[self.pk])


class DonorActivity(models.Model):
    """An activity as its publisher reported it; never the fund's own."""

    iati_identifier = models.CharField(_("IATI identifier"), max_length=200, unique=True)
    reporting_org = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="donor_activities"
    )
    reporting_org_ref = models.CharField(_("reporting organization ref"), max_length=200)
    reporting_org_name = models.CharField(_("reporting organization"), max_length=500, blank=True)
    # The organization was created by the import (no Organization had the ref): a person checks.
    reporting_org_needs_review = models.BooleanField(_("organization to review"), default=False)
    titles = models.JSONField(default=dict)  # {"en": "...", "ar": "...", "": "no xml:lang"}
    descriptions = models.JSONField(default=list)  # [{"type": "1", "texts": {lang: text}}]
    status = models.CharField(_("status"), max_length=2, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    dates = models.JSONField(default=dict)  # {activity-date type: iso date}
    sectors = models.JSONField(default=list)  # [{"vocabulary", "code", "percentage", "sector"}]
    recipient_countries = models.JSONField(default=list)  # [{"code", "percentage"}]
    locations = models.JSONField(default=list)  # [{"name", "point", "district", "municipality"}]
    districts = models.ManyToManyField("geo.District", blank=True, related_name="+")
    participating_orgs = models.JSONField(default=list)  # [{"ref", "role", "type", "name"}]
    budgets = models.JSONField(default=list)  # [{"type", "start", "end", "value", "currency"}]
    results = models.JSONField(default=list)  # [{"type", "title", "indicators": n}]
    documents = models.JSONField(default=list)  # [{"url", "format", "title", "category"}]
    humanitarian = models.BooleanField(_("humanitarian"), default=False)
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    last_updated = models.DateTimeField(_("last updated by the publisher"), null=True, blank=True)
    warnings = models.JSONField(default=list)
    # Provenance
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="activities")
    source_file_name = models.CharField(_("source file"), max_length=255)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_xml = models.TextField(_("original XML"))

    objects = DonorActivityQuerySet.as_manager()

    class Meta:
        ordering = ["iati_identifier"]
        verbose_name = _("donor activity")
        verbose_name_plural = _("donor activities")

    def __str__(self) -> str:
        return f"{self.iati_identifier} {self.title}"[:300]

    @property
    def title(self) -> str:
        t = self.titles or {}
        other = next(iter(t.values()), "")
        return pick_language(t.get("ar", ""), t.get("en", "")) or other

    @property
    def description(self) -> str:
        for description in self.descriptions or []:
            texts = description.get("texts", {})
            text = pick_language(texts.get("ar", ""), texts.get("en", ""))
            if text or texts:
                return text or next(iter(texts.values()), "")
        return ""

    def get_absolute_url(self) -> str:
        return reverse("aid:activity_detail", args=[self.pk])

    @property
    def source_url(self) -> str:
        """The activity on d-portal, where anyone reads the publisher's own data."""
        from urllib.parse import quote

        return f"https://d-portal.org/ctrack.html#view=act&aid={quote(self.iati_identifier)}"


class DonorTransaction(models.Model):
    activity = models.ForeignKey(
        DonorActivity, on_delete=models.CASCADE, related_name="transactions"
    )
    type_code = models.CharField(_("transaction type"), max_length=3)
    date = models.DateField(_("date"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    provider_ref = models.CharField(max_length=200, blank=True)
    provider_name = models.CharField(max_length=500, blank=True)
    receiver_ref = models.CharField(max_length=200, blank=True)
    receiver_name = models.CharField(max_length=500, blank=True)
    recipient_country = models.CharField(max_length=2, blank=True)
    description = models.TextField(blank=True)

    objects = DonorTransactionQuerySet.as_manager()

    class Meta:
        ordering = ["activity_id", "date", "id"]
        indexes = [models.Index(fields=["activity", "type_code"])]

    def __str__(self) -> str:
        return f"{self.type_code} {self.value} {self.currency} {self.date}"

    @property
    def rate_day(self):
        """The day whose rate converts it: the value-date, else the transaction's date."""
        return self.value_date or self.date


class ActivityLink(models.Model):
    """A donor activity and a fund project that may be the same work: suggested with the
    reasons, confirmed or rejected by a person."""

    activity = models.ForeignKey(DonorActivity, on_delete=models.CASCADE, related_name="links")
    project = models.ForeignKey(
        "portfolio.Project", on_delete=models.CASCADE, related_name="donor_links"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(default=list)  # [{"code", "detail"}]
    # {transaction type code: CountingSource}; a type not named counts the fund's record.
    counting = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "project"], name="aid_link_unique_pair")
        ]
        verbose_name = _("activity link")
        verbose_name_plural = _("activity links")

    def __str__(self) -> str:
        return f"{self.activity.iati_identifier} ↔ {self.project.code}"

    def source_for(self, type_code: str) -> str:
        return self.counting.get(type_code, CountingSource.FUND)
