"""The contracting process of a project or lot, shaped like the OCDS model the fund publishes:
planning, tender (with documents), bids, award (with complaints), contract (with milestones,
payments that point at the project's disbursements, amendments and termination), the
exemptions that let a project skip procurement, reviews of red flags and the published,
immutable OCDS releases. No business logic here: rules.py checks, services.py writes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from imar.core.models import pick_language
from imar.core.money import Currency, money_field
from imar.core.storage import private_storage
from imar.core.versioning import Versioned
from imar.procurement.enums import (
    BidStatus,
    ComplaintOutcome,
    DocumentStage,
    DocumentType,
    Method,
    ProcessStatus,
)
from imar.procurement.public import ProcessQuerySet, ReleaseQuerySet


class Process(Versioned, models.Model):
    """One contracting process (an OCDS `ocid`): the planning and the tender of one project or lot."""

    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="procurement_processes",
    )
    lot = models.CharField(_("lot"), max_length=60, blank=True)
    ocid = models.CharField(_("OCID"), max_length=120, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ProcessStatus.choices, default=ProcessStatus.PLANNING
    )
    # Planning
    budget_line = models.CharField(_("budget line"), max_length=120, blank=True)
    estimated_value = money_field(_("estimated value"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.LYD
    )
    method = models.CharField(_("procurement method"), max_length=16, choices=Method.choices)
    method_justification = models.TextField(_("justification of the method"), blank=True)
    year = models.PositiveSmallIntegerField(_("plan year"))
    # Tender
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility_ar = models.TextField(_("eligibility criteria (Arabic)"), blank=True)
    eligibility_en = models.TextField(_("eligibility criteria (English)"), blank=True)
    procuring_entity = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("procuring entity"),
        on_delete=models.PROTECT,
        related_name="procurements_conducted",
    )
    enquiry_start = models.DateTimeField(_("enquiries open"), null=True, blank=True)
    enquiry_end = models.DateTimeField(_("enquiries close"), null=True, blank=True)
    tender_start = models.DateTimeField(_("submissions open"), null=True, blank=True)
    tender_end = models.DateTimeField(_("submission deadline"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("contracting process")
        verbose_name_plural = _("contracting processes")
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0), name="process_estimate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(tender_end__isnull=True)
                | Q(tender_start__isnull=True)
                | Q(tender_end__gt=F("tender_start")),
                name="process_tender_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(method="open") | ~Q(method_justification=""),
                name="process_method_justified",
            ),
        ]
        indexes = [models.Index(fields=["status", "method"], name="process_status_method_idx")]

    def __str__(self) -> str:
        return f"{self.ocid} {self.title}"

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)

    @property
    def eligibility(self) -> str:
        return pick_language(self.eligibility_ar, self.eligibility_en)

    def get_absolute_url(self) -> str:
        return reverse("procurement:process_detail", args=[self.pk])


class Document(models.Model):
    """A tender, award or contract document; private until the award is published."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(_("stage"), max_length=10, choices=DocumentStage.choices)
    document_type = models.CharField(
        _("document type"), max_length=32, choices=DocumentType.choices
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="procurement/", blank=True
    )
    # Staff may keep a document private even after the award (e.g. bidders' financial data).
    withheld = models.BooleanField(_("never public"), default=False)
    published_on = models.DateField(_("date"))

    class Meta:
        ordering = ["published_on", "id"]
        verbose_name = _("procurement document")
        verbose_name_plural = _("procurement documents")

    def __str__(self) -> str:
        return self.title


class Bid(Versioned, models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="bids")
    bidder = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("bidder"),
        on_delete=models.PROTECT,
        related_name="bids",
    )
    value = money_field(_("bid value"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    received_at = models.DateTimeField(_("received"))
    status = models.CharField(
        _("status"), max_length=16, choices=BidStatus.choices, default=BidStatus.VALID
    )
    status_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["value", "id"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="bid_value_positive"),
            models.CheckConstraint(
                condition=Q(status="valid") | ~Q(status_reason=""),
                name="bid_status_reason_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bidder} {self.value} {self.currency}"


class Award(models.Model):
    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="award")
    bid = models.OneToOneField(
        Bid, verbose_name=_("winning bid"), on_delete=models.PROTECT, null=True, blank=True
    )
    supplier = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    value = money_field(_("award value"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    date = models.DateField(_("award date"))
    evaluation_report_ar = models.TextField(_("evaluation report (Arabic)"), blank=True)
    evaluation_report_en = models.TextField(_("evaluation report (English)"), blank=True)
    standstill_end = models.DateField(_("standstill period ends"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="award_value_positive"),
            models.CheckConstraint(
                condition=Q(standstill_end__gte=F("date")), name="award_standstill_after_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.value} {self.currency}"


class Complaint(Versioned, models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="complaints")
    complainant = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("complainant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField(_("received"))
    summary = models.TextField(_("summary"))
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=ComplaintOutcome.choices,
        default=ComplaintOutcome.PENDING,
    )
    decided_on = models.DateField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.complainant} {self.received_on}"


class Contract(Versioned, models.Model):
    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="contract")
    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="contract")
    contractor = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("contractor"),
        on_delete=models.PROTECT,
        related_name="procurement_contracts",
    )
    # The partners agreement of kind "contract" that records the same deal, where one exists.
    agreement = models.OneToOneField(
        "partners.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procurement_contract",
        limit_choices_to={"kind": "contract"},
    )
    value = money_field(_("signed value"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    date_signed = models.DateField(_("date signed"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)

    class Meta:
        ordering = ["-date_signed", "-id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="contract_value_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="contract_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process.ocid} {self.contractor}"


class ContractMilestone(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    due_date = models.DateField(_("due"))
    met_on = models.DateField(_("met on"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("contract milestone")
        verbose_name_plural = _("contract milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)


class Payment(models.Model):
    """A contract payment: a link to one of the project's disbursements, not a copy of it."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payments")
    transaction = models.OneToOneField(
        "monitoring.Transaction",
        verbose_name=_("disbursement"),
        on_delete=models.PROTECT,
        related_name="procurement_payment",
    )
    milestone = models.ForeignKey(
        ContractMilestone,
        verbose_name=_("milestone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )

    class Meta:
        ordering = ["transaction__date", "id"]
        verbose_name = _("contract payment")
        verbose_name_plural = _("contract payments")

    def __str__(self) -> str:
        return str(self.transaction)


class Amendment(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amendments")
    date = models.DateField(_("date"))
    value_before = money_field(_("value before"))
    value_after = money_field(_("value after"))
    end_before = models.DateField(_("end before"))
    end_after = models.DateField(_("end after"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.CheckConstraint(condition=Q(value_after__gt=0), name="amendment_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contract} {self.date}"


class Exemption(models.Model):
    """A recorded decision that a project goes on to implementation without a tender."""

    project = models.OneToOneField(
        "portfolio.Project", on_delete=models.CASCADE, related_name="procurement_exemption"
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procurement exemption")
        verbose_name_plural = _("procurement exemptions")

    def __str__(self) -> str:
        return str(self.project)


class FlagReview(models.Model):
    """An officer's record that a red flag of a process was looked at, and why it stands."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="flag_reviews")
    code = models.CharField(_("red flag"), max_length=40)
    reason = models.TextField(_("reason"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("red flag review")
        verbose_name_plural = _("red flag reviews")
        constraints = [
            models.UniqueConstraint(fields=["process", "code"], name="flag_review_once"),
        ]

    def __str__(self) -> str:
        return f"{self.process.ocid} {self.code}"


class Release(models.Model):
    """A published OCDS release: an immutable revision; a change is a new release."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="releases")
    ocid = models.CharField(max_length=120, editable=False)
    release_id = models.CharField(max_length=160, unique=True, editable=False)
    date = models.DateTimeField(editable=False)
    tags = models.JSONField(default=list, editable=False)
    data = models.JSONField(editable=False)
    digest = models.CharField(max_length=64, editable=False)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["ocid", "date", "id"]
        verbose_name = _("OCDS release")
        verbose_name_plural = _("OCDS releases")
        indexes = [models.Index(fields=["ocid", "date"], name="release_ocid_date_idx")]

    def __str__(self) -> str:
        return self.release_id

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("A published release cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published release cannot be deleted."))
