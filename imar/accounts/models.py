from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imar.core.models import latin_name_field


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    FUND_OFFICER = "fund_officer", _("Fund officer")
    FINANCE = "finance", _("Finance officer")
    REGIONAL_ENGINEER = "regional_engineer", _("Regional engineer")
    AUDITOR = "auditor", _("Auditor (read only)")
    PARTNER = "partner", _("Partner")


class StartPage(models.TextChoices):
    """Where a person lands after signing in (blank on the profile: their role's usual page)."""

    DASHBOARD = "dashboard", _("Dashboard")
    PLANNING = "planning", _("Planning: needs and scenarios")
    MONEY = "money", _("Money: commitments, payments and rates")
    DISTRICT_PROJECTS = "district_projects", _("My districts' projects and reports")
    AUDIT = "audit", _("Audit trail")
    FORUM_SPACE = "forum_space", _("My forum space")
    FORUM_ORGANIZER = "forum_organizer", _("Organizing the forum")


class Profile(models.Model):
    """A staff member's role; regional engineers work only in their districts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    districts = models.ManyToManyField(
        "geo.District", verbose_name=_("districts"), blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For partner accounts: the organization they speak for."),
    )
    name_latin = latin_name_field()
    start_page = models.CharField(
        _("start page"),
        max_length=32,
        choices=StartPage.choices,
        blank=True,
        help_text=_("The page shown after signing in; blank for the role's usual page."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Seal(models.TextChoices):
    """How an audit event is sealed; see imar/accounts/sealing.py."""

    LEGACY = "sha256", _("SHA-256 (unkeyed, before keyed sealing)")
    KEYED = "hmac-sha256", _("HMAC-SHA256 under the audit key")


class AuditChainHead(models.Model):
    """The end of the chain: one row, locked while appending, so writers extend it in turn.

    Its signature (HMAC under the audit key) covers the length, the last hash and how many
    early events are unkeyed, so cutting off the newest events and moving the head back
    cannot be made to look intact without the key. Database triggers refuse to delete it
    and let an update only extend the chain by one stored event
    (imar/accounts/audit_guard.py).
    """

    last_hash = models.CharField(max_length=64, default="")
    length = models.PositiveBigIntegerField(default=0)
    # Events 1..unkeyed_length were sealed with plain SHA-256 before keyed sealing began.
    unkeyed_length = models.PositiveBigIntegerField(default=0)
    signature = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=12, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")
        ]

    def __str__(self) -> str:
        return f"{self.length} events, head {self.last_hash[:12]}"


class AuditEvent(models.Model):
    """An append-only, hash-chained record of every change to the fund's data.

    Database triggers refuse UPDATE, DELETE and TRUNCATE, and an insert anywhere but at the
    head; the keyed seal makes any rewrite made around them (by someone able to drop the
    triggers) visible to `imar audit verify`. A migration that alters this table or the head
    wraps its operations in `audit_guard.around_schema_change(...)` (SQLite rebuilds an
    altered table, dropping its triggers).
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    seal = models.CharField(max_length=16, choices=Seal.choices)
    key_id = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "sequence"], name="audit_object_idx")
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"
