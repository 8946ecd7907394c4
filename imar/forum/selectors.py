"""Reads of the forum app: whose space is whose, agendas, the organizer's figures."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from imar.forum.enums import MeetingStatus, ParticipantStatus, RequestStatus
from imar.forum.models import Event, Lead, Meeting, MeetingRequest, Participant
from imar.portfolio.sectors import Sector


def current_event() -> Event | None:
    return Event.objects.order_by("-starts_on").first()


def participant_of(user, event: Event | None = None) -> Participant | None:
    """The delegate record a logged-in user speaks for (approved only)."""
    if user is None or not user.is_authenticated:
        return None
    qs = Participant.objects.filter(user=user, status=ParticipantStatus.APPROVED)
    if event is not None:
        qs = qs.filter(event=event)
    return qs.select_related("event", "organization").first()


def meetings_of(participant: Participant) -> QuerySet:
    """A participant's meetings (not cancelled), in time order."""
    return (
        Meeting.objects.filter(
            Q(request__from_participant=participant) | Q(request__to_participant=participant)
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "table__room",
            "request__from_participant__organization",
            "request__to_participant__organization",
        )
        .order_by("slot__starts_at")
    )


def other_side(meeting: Meeting, participant: Participant) -> Participant:
    request = meeting.request
    if request.from_participant_id == participant.pk:
        return request.to_participant
    return request.from_participant


@dataclass
class Dashboard:
    registrations: int
    approved: int
    pending: int
    checked_in: int
    requests: int
    accepted: int
    declined: int
    acceptance_rate: float | None  # accepted / answered
    scheduled: int
    held: int
    no_shows: int
    leads: int
    leads_by_sector: list[tuple[str, int]]
    leads_by_country: list[tuple[str, int]]


def dashboard(event: Event) -> Dashboard:
    people = Participant.objects.filter(event=event).aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=ParticipantStatus.APPROVED)),
        pending=Count("pk", filter=Q(status=ParticipantStatus.PENDING)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    requests = dict(
        MeetingRequest.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    meetings = dict(
        Meeting.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    accepted = requests.get(RequestStatus.ACCEPTED, 0)
    declined = requests.get(RequestStatus.DECLINED, 0)
    answered = accepted + declined
    by_sector: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    leads = Lead.objects.filter(meeting__event=event).select_related("recorded_by")
    sector_labels = dict(Sector.choices)
    count = 0
    for lead in leads:
        count += 1
        by_country[str(lead.recorded_by.country.name)] += 1
        for sector in lead.recorded_by.sectors or []:
            by_sector[str(sector_labels.get(sector, sector))] += 1
    return Dashboard(
        registrations=people["total"],
        approved=people["approved"],
        pending=people["pending"],
        checked_in=people["checked_in"],
        requests=sum(requests.values()),
        accepted=accepted,
        declined=declined,
        acceptance_rate=accepted / answered if answered else None,
        scheduled=sum(n for s, n in meetings.items() if s != MeetingStatus.CANCELLED),
        held=meetings.get(MeetingStatus.HELD, 0),
        no_shows=meetings.get(MeetingStatus.NO_SHOW, 0),
        leads=count,
        leads_by_sector=by_sector.most_common(),
        leads_by_country=by_country.most_common(),
    )
