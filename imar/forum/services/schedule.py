"""Scheduling adapter: the event's accepted requests in, saved meetings and a run report out.

The pure scheduler (`imar.forum.scheduling`) does the optimisation; this module only builds
its instance from the database and writes its answer back.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.forum import scheduling
from imar.forum.enums import (
    OPEN_REQUEST_STATUSES,
    MeetingStatus,
    ParticipantStatus,
    RecipientPriority,
    RequestStatus,
)
from imar.forum.models import Event, Meeting, MeetingRequest, Participant, ScheduleRun, Slot, Table
from imar.forum.services.meeting_requests import requests_expire

# Meetings that already took place keep their slot and table whatever else changes.
_PAST = [MeetingStatus.HELD, MeetingStatus.NO_SHOW]


@dataclass
class EventInstance:
    instance: scheduling.Instance
    previous: list[scheduling.Meeting]
    tables: list[Table]
    requests: dict[str, MeetingRequest]


def build_instance(event: Event, *, rebook_no_shows: bool = False) -> EventInstance:
    """The event as a scheduling instance; ``rebook_no_shows``: no-show meetings are not kept
    (their requests are to be placed again)."""
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    tables = list(Table.objects.filter(event=event).order_by("number"))
    if not slots:
        raise ValidationError({"slots": _("Create the meeting slots before scheduling.")})
    if not tables:
        raise ValidationError({"tables": _("Create the meeting tables before scheduling.")})
    table_index = {t.pk: k + 1 for k, t in enumerate(tables)}
    participants = list(
        Participant.objects.filter(event=event, status=ParticipantStatus.APPROVED)
        .prefetch_related("unavailable_slots")
        .only("pk", "max_meetings", "organization_id")
    )
    approved = {p.pk for p in participants}
    # Pairs with an open request of their own: a request to an organization is not handed
    # to a delegate the requester already has a request with.
    pairs = set()
    for a, b in MeetingRequest.objects.filter(
        event=event, status__in=OPEN_REQUEST_STATUSES
    ).values_list("from_participant_id", "to_participant_id"):
        pairs.update({(a, b), (b, a)})
    requests = {
        str(r.pk): r
        for r in MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .select_related("meeting", "event", "from_participant", "to_participant")
        .order_by("pk")
        if r.from_participant_id in approved
        and r.to_participant_id in approved
        # "No thanks" from the recipient: never worth a slot, kept out of the schedule.
        and r.recipient_priority != RecipientPriority.NO_THANKS
    }
    delegates = _delegates_by_organization(participants, requests.values())
    previous, sched_requests = [], []
    for rid, r in requests.items():
        meeting = getattr(r, "meeting", None)
        if meeting is not None and meeting.status == MeetingStatus.CANCELLED:
            meeting = None
        if rebook_no_shows and meeting is not None and meeting.status == MeetingStatus.NO_SHOW:
            meeting = None
        locked = r.locked_slot_id if r.locked else None
        if meeting is not None:
            previous.append(
                scheduling.Meeting(rid, str(meeting.slot_id), table_index[meeting.table_id])
            )
            if meeting.status in _PAST:
                locked = meeting.slot_id
        choices: tuple[str, ...] = ()
        if r.to_organization and not locked:
            choices = tuple(
                str(d.pk)
                for d in delegates.get(r.to_participant.organization_id, [])
                if d.pk == r.to_participant_id or (r.from_participant_id, d.pk) not in pairs
            )
        sched_requests.append(
            scheduling.MeetingRequest(
                rid,
                str(r.from_participant_id),
                str(r.to_participant_id),
                float(r.weight),
                str(locked) if locked else None,
                r.interpreter or None,
                choices if len(choices) > 1 else (),
            )
        )
    instance = scheduling.Instance(
        slots=tuple(str(s.pk) for s in slots),
        tables=tuple(
            len(tables) if s.tables_open is None else min(s.tables_open, len(tables)) for s in slots
        ),
        participants=tuple(
            scheduling.Participant(
                str(p.pk),
                frozenset(str(s.pk) for s in p.unavailable_slots.all()),
                p.max_meetings,
            )
            for p in participants
        ),
        requests=tuple(sched_requests),
        interpreters=_interpreters(slots),
    )
    return EventInstance(instance, previous, tables, requests)


def _delegates_by_organization(participants, requests) -> dict[int, list[Participant]]:
    """Approved delegates of each organization some request is addressed to (by id)."""
    wanted = {r.to_participant.organization_id for r in requests if r.to_organization}
    out: dict[int, list[Participant]] = {}
    for p in participants:
        if p.organization_id in wanted:
            out.setdefault(p.organization_id, []).append(p)
    return out


def _interpreters(slots: list[Slot]) -> dict[str, tuple[int, ...]]:
    """Interpreters per language and slot from each slot's ``interpreters`` (code -> count)."""
    languages = sorted({code for s in slots for code in (s.interpreters or {})})
    return {
        code: tuple(max(int((s.interpreters or {}).get(code, 0)), 0) for s in slots)
        for code in languages
    }


@transaction.atomic
def schedule_run(*, by, event: Event, time_limit: float = 10.0) -> ScheduleRun:
    """Schedule every accepted request; with meetings already placed, move as few as possible."""
    requests_expire(by=by)
    built = build_instance(event)
    try:
        if built.previous:
            result = scheduling.reschedule(built.instance, built.previous, time_limit=time_limit)
        else:
            result = scheduling.schedule(built.instance, time_limit=time_limit)
    except scheduling.ScheduleInputError as error:
        raise ValidationError(
            {"schedule": _("The schedule cannot be built: %(problem)s") % {"problem": error}}
        ) from error
    _save_meetings(event, built, result)
    return _record_run(by=by, event=event, built=built, result=result, kind="schedule")


@transaction.atomic
def rebook_run(
    *, by, event: Event, from_slot: Slot, allow_moves: bool = False, time_limit: float = 10.0
) -> ScheduleRun:
    """Rebook after no-shows and late cancellations into free places from ``from_slot`` on.

    Standing meetings keep their slot and table; with ``allow_moves`` those from ``from_slot``
    on may move when that fits more weight (as few as possible). Earlier slots are closed.
    """
    no_shows = dict(
        Meeting.objects.filter(event=event, status=MeetingStatus.NO_SHOW).values_list(
            "request_id", "slot_id"
        )
    )
    built = build_instance(event, rebook_no_shows=True)
    try:
        result = scheduling.rebook(
            built.instance,
            built.previous,
            from_slot=str(from_slot.pk),
            allow_moves=allow_moves,
            time_limit=time_limit,
        )
    except scheduling.ScheduleInputError as error:
        raise ValidationError(
            {"schedule": _("The schedule cannot be built: %(problem)s") % {"problem": error}}
        ) from error
    _save_meetings(event, built, result, rebooked=True)
    rebooked = [
        {
            "request": int(m.request),
            "from": no_shows[int(m.request)],
            "to": int(m.slot),
            "rebooked": True,
        }
        for m in result.meetings
        if int(m.request) in no_shows
    ]
    return _record_run(by=by, event=event, built=built, result=result, kind="rebook", also=rebooked)


def _record_run(
    *, by, event, built: EventInstance, result, kind: str, also: list | None = None
) -> ScheduleRun:
    """Save the run's figures; ``moved_requests`` lists what moved (and ``also``: no-shows
    rebooked into a new slot)."""
    before = {m.request: m.slot for m in built.previous}
    after = {m.request: m.slot for m in result.meetings}
    moved = [
        {"request": int(r), "from": int(before[r]), "to": int(after[r]) if r in after else None}
        for r in result.moved
        if r in before
    ] + list(also or [])
    run = ScheduleRun.objects.create(
        kind=kind,
        moved_requests=moved,
        event=event,
        ran_by=by if by is not None and by.is_authenticated else None,
        method=result.method,
        optimal=result.optimal,
        scheduled_weight=result.scheduled_weight,
        upper_bound=result.upper_bound,
        gap=result.gap,
        meetings=len(result.meetings),
        moved=len(result.moved),
        idle_gaps=result.idle_gaps,
        seconds=result.seconds,
        unscheduled=[
            {"request": int(u.request), "code": u.code, "params": u.params}
            for u in result.unscheduled
        ],
    )
    record_event(
        action="forum.schedule_run",
        instance=event,
        actor=by,
        changes={
            "kind": [None, kind],
            "meetings": [None, len(result.meetings)],
            "moved": [None, len(result.moved)],
        },
    )
    return run


def _save_meetings(
    event: Event, built: EventInstance, result: scheduling.Schedule, *, rebooked: bool = False
) -> None:
    placed = {m.request: m for m in result.meetings}
    # A request to an organization names the delegate the scheduler gave it to.
    for m in placed.values():
        r = built.requests[m.request]
        if m.b is not None and int(m.b) != r.to_participant_id:
            r.to_participant_id = int(m.b)
            r.save(update_fields=["to_participant"])
    if rebooked:  # a no-show placed again gets a new meeting in its place
        Meeting.objects.filter(
            event=event, status=MeetingStatus.NO_SHOW, request_id__in=[int(r) for r in placed]
        ).exclude(request_id__in=[int(m.request) for m in built.previous]).delete()
    # Scheduled (not yet held) meetings are rewritten; held and no-show ones stay as they are.
    Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).delete()
    Meeting.objects.filter(
        Q(status=MeetingStatus.CANCELLED), request_id__in=[int(r) for r in placed]
    ).delete()
    past = set(
        Meeting.objects.filter(event=event, status__in=_PAST).values_list("request_id", flat=True)
    )
    Meeting.objects.bulk_create(
        Meeting(
            event=event,
            request_id=int(m.request),
            slot_id=int(m.slot),
            table=built.tables[m.table - 1],
        )
        for m in placed.values()
        if int(m.request) not in past
    )


@transaction.atomic
def schedule_make_final(*, by, event: Event) -> int:
    """Make the schedule final: every meeting of the event is locked in its slot, so later
    runs keep them all and only place new or freed requests. Returns how many were locked."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.schedule_final:
        raise ValidationError({"schedule": _("The schedule is already final.")})
    meetings = list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request")
    )
    if not meetings:
        raise ValidationError(
            {"schedule": _("Schedule the meetings before making the schedule final.")}
        )
    locked = []
    for meeting in meetings:
        r = meeting.request
        if r.locked and r.locked_slot_id == meeting.slot_id:
            continue  # locked already (a VIP meeting): stays locked after going back
        r.locked, r.locked_slot_id = True, meeting.slot_id
        r.save(update_fields=["locked", "locked_slot"])
        locked.append(r.pk)
    event.schedule_final_at = timezone.now()
    event.final_locked = locked
    event.save(update_fields=["schedule_final_at", "final_locked"])
    record_event(
        action="forum.schedule_final",
        instance=event,
        actor=by,
        changes={"schedule": ["provisional", "final"], "meetings_locked": [None, len(locked)]},
    )
    return len(locked)


@transaction.atomic
def schedule_make_provisional(*, by, event: Event) -> int:
    """Back to a provisional schedule: unlock the meetings the final switch locked (meetings
    the organizers locked one by one stay locked). Returns how many were unlocked."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.schedule_final:
        raise ValidationError({"schedule": _("The schedule is provisional already.")})
    unlocked = 0
    for r in MeetingRequest.objects.filter(event=event, pk__in=event.final_locked, locked=True):
        r.locked, r.locked_slot = False, None
        r.save(update_fields=["locked", "locked_slot"])
        unlocked += 1
    event.schedule_final_at = None
    event.final_locked = []
    event.save(update_fields=["schedule_final_at", "final_locked"])
    record_event(
        action="forum.schedule_provisional",
        instance=event,
        actor=by,
        changes={"schedule": ["final", "provisional"], "meetings_unlocked": [None, unlocked]},
    )
    return unlocked
