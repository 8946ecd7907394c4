"""Meeting requests: send, accept, decline, cancel, expire; organizer-made and locked ones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.forum.enums import (
    OPEN_REQUEST_STATUSES,
    MeetingStatus,
    ParticipantStatus,
    Priority,
    RecipientPriority,
    RequestStatus,
)
from imar.forum.models import MeetingRequest, Participant, Slot


def _check_pair(sender: Participant, receiver: Participant) -> None:
    if sender.pk == receiver.pk:
        raise ValidationError({"to_participant": _("You cannot request a meeting with yourself.")})
    if sender.event_id != receiver.event_id:
        raise ValidationError({"to_participant": _("Both participants must attend this event.")})
    for who in (sender, receiver):
        if who.status != ParticipantStatus.APPROVED:
            raise ValidationError(
                {
                    "to_participant": _("%(name)s is not an approved participant.")
                    % {"name": who.delegate_name}
                }
            )
    if sender.organization_id == receiver.organization_id:
        raise ValidationError(
            {"to_participant": _("Delegates of the same organization meet without a slot.")}
        )
    open_pair = MeetingRequest.objects.filter(
        from_participant__in=[sender, receiver],
        to_participant__in=[sender, receiver],
        status__in=OPEN_REQUEST_STATUSES,
    )
    if open_pair.exists():
        raise ValidationError(
            {"to_participant": _("There is already an open request between these two.")}
        )


@transaction.atomic
def request_send(
    *,
    by,
    sender: Participant,
    receiver: Participant,
    message: str = "",
    priority: str = Priority.WOULD_LIKE,
    expires_at=None,
    to_organization: bool = False,
) -> MeetingRequest:
    """Ask ``receiver`` for a meeting; ``to_organization``: any delegate of the receiver's
    organization may take it (the scheduler picks who is free)."""
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose a priority.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    _check_pair(sender, receiver)
    request = MeetingRequest.objects.create(
        event_id=sender.event_id,
        from_participant=sender,
        to_participant=receiver,
        message=message.strip(),
        priority=priority,
        expires_at=expires_at,
        to_organization=bool(to_organization),
    )
    record_event(action="forum.request_send", instance=request, actor=by)
    return request


def _expire_if_due(request: MeetingRequest) -> None:
    """An answer after the expiry is refused; the request is marked expired (kept, outside
    the answer's transaction, so the refusal does not roll it back)."""
    due = request.expires_at is not None and request.expires_at <= timezone.now()
    if request.status == RequestStatus.PENDING and due:
        request.status = RequestStatus.EXPIRED
        request.save(update_fields=["status"])
        raise ValidationError({"status": _("This request has expired.")})


@transaction.atomic
def _respond(
    by, request: MeetingRequest, status: str, recipient_priority: str = ""
) -> MeetingRequest:
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            {
                "status": _("This request is already %(status)s.")
                % {"status": request.get_status_display()}
            }
        )
    request.status = status
    request.responded_at = timezone.now()
    request.recipient_priority = recipient_priority
    request.save(update_fields=["status", "responded_at", "recipient_priority"])
    record_event(
        action=f"forum.request_{status}",
        instance=request,
        actor=by,
        changes={"status": ["pending", status]},
    )
    return request


def request_accept(*, by, request: MeetingRequest, priority: str = "") -> MeetingRequest:
    """Accept; ``priority`` is the recipient's own ("must_meet" or "would_like", or "")."""
    _expire_if_due(request)
    if priority not in ("", RecipientPriority.MUST_MEET, RecipientPriority.WOULD_LIKE):
        raise ValidationError({"recipient_priority": _("Choose a priority for the request.")})
    return _respond(by, request, RequestStatus.ACCEPTED, recipient_priority=priority)


def request_decline(*, by, request: MeetingRequest) -> MeetingRequest:
    _expire_if_due(request)
    return _respond(by, request, RequestStatus.DECLINED)


@transaction.atomic
def request_cancel(*, by, request: MeetingRequest) -> MeetingRequest:
    """Withdraw a request (either side, or the organizer); its meeting is cancelled too."""
    if request.status not in OPEN_REQUEST_STATUSES:
        raise ValidationError({"status": _("Only pending or accepted requests can be cancelled.")})
    before = request.status
    request.status = RequestStatus.CANCELLED
    request.locked = False
    request.locked_slot = None
    request.save(update_fields=["status", "locked", "locked_slot"])
    meeting = getattr(request, "meeting", None)
    if meeting is not None and meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
    record_event(
        action="forum.request_cancel",
        instance=request,
        actor=by,
        changes={"status": [before, "cancelled"]},
    )
    return request


@transaction.atomic
def requests_expire(*, by=None, now=None) -> int:
    """Mark pending requests past their expiry as expired; returns how many."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(status=RequestStatus.PENDING, expires_at__lte=now)
    ids = list(due.values_list("pk", flat=True))
    MeetingRequest.objects.filter(pk__in=ids).update(status=RequestStatus.EXPIRED)
    return len(ids)


@transaction.atomic
def organizer_meeting_create(
    *,
    by,
    a: Participant,
    b: Participant,
    priority: str = Priority.MUST_MEET,
    locked_slot: Slot | None = None,
    interpreter: str = "",
    message: str = "",
) -> MeetingRequest:
    """A meeting the organizers arrange: accepted at once, optionally locked to a slot, with
    the language of the interpreter it needs (``interpreter``, e.g. "it")."""
    _check_pair(a, b)
    interpreter = interpreter.strip().lower()
    if interpreter and not (2 <= len(interpreter) <= 3 and interpreter.isascii()):
        raise ValidationError(
            {"interpreter": _("Write the interpreter's language as a code, like it or zh.")}
        )
    request = MeetingRequest(
        event_id=a.event_id,
        from_participant=a,
        to_participant=b,
        message=message,
        priority=priority,
        status=RequestStatus.ACCEPTED,
        responded_at=timezone.now(),
        created_by_organizer=True,
        interpreter=interpreter,
    )
    if locked_slot is not None:
        _check_lock(request, locked_slot)
        request.locked, request.locked_slot = True, locked_slot
    request.save()
    record_event(action="forum.request_organizer", instance=request, actor=by)
    return request


def _check_lock(request: MeetingRequest, slot: Slot) -> None:
    if slot.event_id != request.event_id:
        raise ValidationError({"locked_slot": _("The slot belongs to another event.")})
    for who in (request.from_participant, request.to_participant):
        if who.unavailable_slots.filter(pk=slot.pk).exists():
            raise ValidationError(
                {
                    "locked_slot": _("%(name)s is not available in this slot.")
                    % {"name": who.delegate_name}
                }
            )
        clash = MeetingRequest.objects.filter(locked=True, locked_slot=slot).filter(
            from_participant=who
        ) | MeetingRequest.objects.filter(locked=True, locked_slot=slot, to_participant=who)
        if clash.exclude(pk=request.pk).exists():
            raise ValidationError(
                {
                    "locked_slot": _("%(name)s already has a locked meeting in this slot.")
                    % {"name": who.delegate_name}
                }
            )


@transaction.atomic
def request_lock(*, by, request: MeetingRequest, slot: Slot | None) -> MeetingRequest:
    """Lock an accepted request to a slot (None unlocks); the next schedule run keeps it."""
    if request.status != RequestStatus.ACCEPTED:
        raise ValidationError({"locked_slot": _("Only accepted requests can be locked.")})
    if slot is not None:
        _check_lock(request, slot)
    before = request.locked_slot_id
    request.locked, request.locked_slot = slot is not None, slot
    request.save(update_fields=["locked", "locked_slot"])
    record_event(
        action="forum.request_lock",
        instance=request,
        actor=by,
        changes={"locked_slot": [before, slot.pk if slot else None]},
    )
    return request
