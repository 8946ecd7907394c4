from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from imar.core.models import (
    PersonNamed,
    SearchKey,
    english_text_field,
    latin_name_field,
    pick_language,
)
from imar.core.money import Currency, money_field
from imar.core.storage import private_storage
from imar.core.versioning import Versioned
from imar.organizations.models import Organization
from imar.partners.enums import (
    STORED_AGREEMENT_STATUSES,
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    EngagementKind,
    PartyRole,
)
from imar.partners.public import AgreementQuerySet, EngagementQuerySet
from imar.partners.rules import action_problems, check_agreement
from imar.partners.validators import validate_pdf


class RulesBeforeChecks(models.Model):
    """Check constraints guard the database; people get the messages of `clean()` instead,
    which name the field (rules.py), rather than "constraint … is violated"."""

    class Meta:
        abstract = True

    def get_constraints(self):
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]


class Engagement(Versioned, SearchKey, RulesBeforeChecks):
    """A visit, meeting, delegation, workshop or forum session, and what it decided."""

    kind = models.CharField(_("kind"), max_length=20, choices=EngagementKind.choices)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place_ar = models.CharField(_("place (Arabic)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("participating organizations"),
        related_name="engagements",
        blank=True,
    )
    topics_ar = models.TextField(_("topics (Arabic)"), blank=True)
    topics_en = models.TextField(_("topics (English)"), blank=True)
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    decisions_ar = models.TextField(_("decisions (Arabic)"), blank=True)
    decisions_en = models.TextField(_("decisions (English)"), blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="engagement_dates_in_order",
            )
        ]
        indexes = [models.Index(fields=["starts_on"], name="engagement_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    @property
    def place(self) -> str:
        return pick_language(self.place_ar, self.place_en)

    @property
    def topics(self) -> str:
        return pick_language(self.topics_ar, self.topics_en)

    @property
    def summary(self) -> str:
        return pick_language(self.summary_ar, self.summary_en)

    @property
    def decisions(self) -> str:
        return pick_language(self.decisions_ar, self.decisions_en)

    def get_absolute_url(self) -> str:
        return reverse("partners:engagement_detail", args=[self.pk])

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})

    def search_source(self) -> list[str]:
        return [self.title_ar, self.title_en, self.place_ar, self.place_en]


class EngagementPerson(PersonNamed, models.Model):
    """Someone who took part, as written in the minutes (not necessarily a known contact)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    name_latin = latin_name_field()
    title = models.CharField(_("title"), max_length=200, blank=True)
    title_en = english_text_field(_("title (English)"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class Agreement(Versioned, SearchKey, RulesBeforeChecks):
    kind = models.CharField(_("kind"), max_length=32, choices=AgreementKind.choices)
    reference = models.CharField(_("reference number"), max_length=64, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    signed_place = models.CharField(_("signing place"), max_length=200, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    value = money_field(_("value"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=STORED_AGREEMENT_STATUSES,
        default=AgreementStatus.DRAFT,
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public agreements are shown on the portal and in the public API."),
    )
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("signed during"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    organizations = models.ManyToManyField(
        Organization, through="AgreementParty", related_name="agreements"
    )
    projects = models.ManyToManyField(
        "portfolio.Project",
        verbose_name=_("projects covered"),
        related_name="agreements",
        blank=True,
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("effective_from")),
                name="agreement_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(currency=""),
                name="agreement_value_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="agreement_value_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=AgreementStatus.EXPIRED),
                name="agreement_expired_is_derived",
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="agreement_reference_unique",
                violation_error_message=_("An agreement with this reference number exists."),
                violation_error_code="unique",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ends_on"], name="agreement_status_end_idx"),
            models.Index(fields=["signed_on"], name="agreement_signed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    def get_absolute_url(self) -> str:
        return reverse("partners:agreement_detail", args=[self.pk])

    def clean(self):
        check_agreement(
            kind=self.kind,
            status=self.status,
            signed_on=self.signed_on,
            effective_from=self.effective_from,
            ends_on=self.ends_on,
            value=self.value,
            currency=self.currency,
            party_ids=None,
        )

    def search_source(self) -> list[str]:
        return [self.reference, self.title_ar, self.title_en]


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"], name="agreement_party_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(
        _("document (PDF)"),
        upload_to="partners/agreements/",
        storage=private_storage,  # confidential agreements' PDFs must not have a public URL
        validators=[validate_pdf],
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title or self.file.name

    def get_absolute_url(self) -> str:
        return reverse("partners:document_download", args=[self.agreement_id, self.pk])


class ActionItem(Versioned, RulesBeforeChecks):
    """A follow-up promised at an engagement: what, who, by when."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description_ar = models.CharField(_("what (Arabic)"), max_length=500)
    description_en = models.CharField(_("what (English)"), max_length=500, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (staff member)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_actions",
    )
    owner_organization = models.ForeignKey(
        Organization,
        verbose_name=_("owner (organization)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_actions",
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) | Q(owner_organization__isnull=False),
                name="action_item_has_owner",
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="action_status_due_idx")]

    def __str__(self) -> str:
        return self.description

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)

    def clean(self):
        problems = action_problems(
            owner_user=self.owner_user, owner_organization=self.owner_organization
        )
        if problems:
            raise ValidationError(problems)

    @property
    def owner(self):
        return self.owner_user or self.owner_organization

    @property
    def owner_name(self) -> str:
        if self.owner_user_id:
            return self.owner_user.get_full_name() or self.owner_user.get_username()
        return self.owner_organization.name if self.owner_organization_id else ""
