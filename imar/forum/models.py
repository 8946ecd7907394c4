"""The forum: an event, its agenda and meeting slots, participants, the project showcase,
meeting requests, scheduled meetings and the leads they produce."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from imar.core.models import (
    BilingualNamed,
    PersonNamed,
    SearchKey,
    english_text_field,
    latin_name_field,
    pick_language,
)
from imar.core.money import Currency, money_field
from imar.core.versioning import Versioned
from imar.forum.enums import (
    BUYER_KINDS,
    OPEN_REQUEST_STATUSES,
    InterestLevel,
    MeetingStatus,
    ParticipantKind,
    ParticipantStatus,
    Priority,
    RecipientPriority,
    RequestStatus,
)
from imar.forum.public import EventQuerySet, ParticipantQuerySet, ShowcaseQuerySet
from imar.forum.scheduling.weights import preference_weight


class Event(Versioned, BilingualNamed):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    city_ar = models.CharField(_("city (Arabic)"), max_length=100)
    city_en = models.CharField(_("city (English)"), max_length=100)
    venue_ar = models.CharField(_("venue (Arabic)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    registration_open = models.BooleanField(_("registration open"), default=False)
    description_ar = models.TextField(_("public description (Arabic)"), blank=True)
    description_en = models.TextField(_("public description (English)"), blank=True)
    # How much more the buyer side's preference (Libyan institutions and government) counts.
    buyer_weight = models.FloatField(_("weight of the buyer side"), default=1.0)
    # Provisional until the organizers make the schedule final: then every meeting is locked
    # in its slot (the requests locked that way are listed, so going back unlocks only them).
    schedule_final_at = models.DateTimeField(_("schedule made final at"), null=True, blank=True)
    final_locked = models.JSONField(default=list, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("forum event")
        verbose_name_plural = _("forum events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="forum_event_ends_after_start"
            )
        ]

    @property
    def schedule_final(self) -> bool:
        return self.schedule_final_at is not None

    @property
    def city(self) -> str:
        return pick_language(self.city_ar, self.city_en)

    @property
    def venue(self) -> str:
        return pick_language(self.venue_ar, self.venue_en)

    @property
    def description(self) -> str:
        return pick_language(self.description_ar, self.description_en)


class Room(BilingualNamed):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")

    class Meta:
        ordering = ["event", "name_en"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")


class Table(models.Model):
    """A numbered meeting table; numbers run across the whole event (1..N)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.RESTRICT, related_name="tables"
    )
    number = models.PositiveIntegerField(_("number"))

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="forum_table_number_unique")
        ]

    def __str__(self) -> str:
        return str(self.number)


class Session(Versioned, models.Model):
    """A talk or panel on the agenda."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.SET_NULL, null=True, blank=True
    )
    speakers = models.TextField(_("speakers"), blank=True)
    speakers_en = english_text_field(_("speakers (English)"), long=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="forum_session_ends_after_start"
            )
        ]

    @property
    def title(self) -> str:
        return pick_language(self.title_ar, self.title_en)

    def __str__(self) -> str:
        return self.title


class MeetingDay(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_days")
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")
        constraints = [
            models.UniqueConstraint(fields=["event", "date"], name="forum_meeting_day_unique")
        ]

    def __str__(self) -> str:
        return self.date.isoformat()


class Slot(models.Model):
    """A time slot for one-to-one meetings."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    day = models.ForeignKey(MeetingDay, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    label = models.CharField(_("label"), max_length=40, blank=True)
    # Tables open in this slot (empty: all the event's tables); e.g. fewer over lunch.
    tables_open = models.PositiveIntegerField(_("tables open"), null=True, blank=True)
    # Interpreters available in this slot per language code, e.g. {"it": 2, "zh": 1}.
    interpreters = models.JSONField(_("interpreters"), default=dict, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="forum_slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="forum_slot_start_unique"),
        ]

    def __str__(self) -> str:
        return self.label or self.starts_at.isoformat()


class Participant(PersonNamed, Versioned, SearchKey, models.Model):
    """One delegate of an organization at one event."""

    written_name_field = "delegate_name"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="forum_participants",
    )
    delegate_name = models.CharField(_("delegate name"), max_length=200)
    name_latin = latin_name_field()
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    job_title_en = english_text_field(_("job title (English)"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone (private)"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_participant",
    )
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=32, choices=ParticipantKind.choices)
    # Sector codes from imar.portfolio.sectors.Sector.
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    offers = models.TextField(_("what we offer"), blank=True)
    seeks = models.TextField(_("what we seek"), blank=True)
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable slots"), blank=True, related_name="+"
    )
    max_meetings = models.PositiveSmallIntegerField(_("maximum meetings"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.PENDING,
    )
    checkin_code = models.CharField(_("check-in code"), max_length=12, unique=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["delegate_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="forum_participant_email_unique"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="forum_participant_status_idx")]

    def search_source(self) -> list[str]:
        org = self.organization
        return [
            self.delegate_name, self.name_latin, self.checkin_code, org.name_ar, org.name_en
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.delegate_name} ({self.organization})"


class Showcase(models.Model):
    """A portfolio project on show at the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="showcase")
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="forum_showcases",
    )
    funding_needs = models.TextField(_("funding needs"), blank=True)
    # The funding sought as an amount (shown in one way beside the budget, with conversions).
    funding_amount = money_field(_("funding sought"), null=True, blank=True)
    funding_currency = models.CharField(
        _("currency of the funding sought"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.USD,
    )
    partner_needs = models.TextField(_("partners sought"), blank=True)
    partner_needs_en = english_text_field(_("partners sought (English)"), long=True)
    owner = models.ForeignKey(
        Participant,
        verbose_name=_("owner at the forum"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_showcases",
    )

    objects = ShowcaseQuerySet.as_manager()

    class Meta:
        ordering = ["event", "project__code"]
        verbose_name = _("showcased project")
        verbose_name_plural = _("showcased projects")
        constraints = [
            models.UniqueConstraint(fields=["event", "project"], name="forum_showcase_unique")
        ]

    def __str__(self) -> str:
        return str(self.project)


class MeetingRequest(Versioned, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    from_participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    to_participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    created_by_organizer = models.BooleanField(_("created by the organizers"), default=False)
    # The recipient's own preference ("no thanks" keeps the request out of the schedule).
    recipient_priority = models.CharField(
        _("recipient's priority"), max_length=16, choices=RecipientPriority.choices, blank=True
    )
    # Language of the interpreter the meeting needs (empty: none).
    interpreter = models.CharField(_("interpreter needed"), max_length=8, blank=True)
    # Addressed to the organization: any approved delegate of the recipient's organization
    # may take the meeting; the scheduler picks who (and the request then names them).
    to_organization = models.BooleanField(_("addressed to the organization"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    locked_slot = models.ForeignKey(
        Slot,
        verbose_name=_("locked slot"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_participant=F("to_participant")),
                name="forum_request_not_to_self",
            ),
            models.CheckConstraint(
                condition=Q(locked=False) | Q(locked_slot__isnull=False),
                name="forum_request_locked_has_slot",
            ),
            models.UniqueConstraint(
                fields=["from_participant", "to_participant"],
                condition=Q(status__in=OPEN_REQUEST_STATUSES),
                name="forum_request_one_open_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="forum_request_status_idx")]

    @property
    def weight(self) -> float:
        """Scheduler weight from both sides' preferences, the buyer side weighted by the event's
        ``buyer_weight`` (only the requester's priority: 3 must meet, 1 would like)."""
        buyer = None
        from_buys = self.from_participant.kind in BUYER_KINDS
        to_buys = self.to_participant.kind in BUYER_KINDS
        if from_buys != to_buys:
            buyer = "requester" if from_buys else "recipient"
        return preference_weight(
            self.priority,
            self.recipient_priority or None,
            buyer=buyer,
            buyer_weight=(
                self.event if self.event_id else self.from_participant.event
            ).buyer_weight,
        )

    def __str__(self) -> str:
        return f"{self.from_participant.delegate_name} → {self.to_participant.delegate_name}"


class Meeting(Versioned, models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    # RESTRICT: a slot or table with meetings cannot be deleted alone, but the event can.
    slot = models.ForeignKey(Slot, verbose_name=_("slot"), on_delete=models.RESTRICT)
    table = models.ForeignKey(Table, verbose_name=_("table"), on_delete=models.RESTRICT)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts_at", "table__number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=~Q(status=MeetingStatus.CANCELLED),
                name="forum_meeting_one_per_table_and_slot",
            )
        ]
        indexes = [models.Index(fields=["event", "status"], name="forum_meeting_status_idx")]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} / {self.table}"


class ScheduleRun(models.Model):
    """What one run of the scheduler achieved, shown to the organizer."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    ran_at = models.DateTimeField(auto_now_add=True)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    method = models.CharField(max_length=16)
    optimal = models.BooleanField(default=False)
    scheduled_weight = models.FloatField()
    upper_bound = models.FloatField()
    gap = models.FloatField()
    meetings = models.PositiveIntegerField()
    moved = models.PositiveIntegerField(default=0)
    # What moved: [{"request": id, "from": slot id, "to": slot id or None}].
    moved_requests = models.JSONField(default=list)
    kind = models.CharField(max_length=16, default="schedule")  # "schedule" or "rebook"
    idle_gaps = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    unscheduled = models.JSONField(default=list)

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} {self.ran_at:%Y-%m-%d %H:%M}: {self.meetings}"

    @property
    def gap_percent(self) -> float:
        return 100 * self.gap


class Lead(models.Model):
    """One side's interest after a meeting; may become an engagement or a draft agreement."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="leads")
    recorded_by = models.ForeignKey(
        Participant, verbose_name=_("recorded by"), on_delete=models.CASCADE, related_name="leads"
    )
    interest = models.CharField(_("interest"), max_length=16, choices=InterestLevel.choices)
    notes = models.TextField(_("notes"), blank=True)
    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("showcased project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
    )
    engagement = models.ForeignKey(
        "partners.Engagement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        "partners.Agreement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recorded_by"], name="forum_lead_one_per_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recorded_by} · {self.get_interest_display()}"


class LoginLink(models.Model):
    """A delegate's login link: single use, expiring, at most one live per delegate.

    Only a hash of the secret is kept, so a copy of the database opens no delegate space.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="login_links"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("login link")
        verbose_name_plural = _("login links")
        constraints = [
            # Minting a link revokes the previous one; the database keeps it so.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="forum_login_link_one_live",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="forum_login_link_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.created_at:%Y-%m-%d %H:%M}"
