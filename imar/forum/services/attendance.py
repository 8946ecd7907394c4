"""On the day: meeting attendance (held / no-show) and leads recorded after a meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.forum.enums import InterestLevel, MeetingStatus
from imar.forum.models import Lead, Meeting, Participant, Showcase


@transaction.atomic
def meeting_mark(*, by, meeting: Meeting, status: str) -> Meeting:
    if status not in (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED):
        raise ValidationError({"status": _("A meeting is marked held, no-show or scheduled.")})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": _("This meeting was cancelled.")})
    before = meeting.status
    meeting.status = status
    meeting.save(update_fields=["status", "updated_at"])
    record_event(
        action="forum.meeting_mark",
        instance=meeting,
        actor=by,
        changes={"status": [before, status]},
    )
    return meeting


@transaction.atomic
def lead_record(
    *,
    by,
    meeting: Meeting,
    participant: Participant,
    interest: str,
    notes: str = "",
    showcase: Showcase | None = None,
) -> Lead:
    """One side of a held meeting records its interest (once; a second call updates it)."""
    request = meeting.request
    if participant.pk not in (request.from_participant_id, request.to_participant_id):
        raise ValidationError({"participant": _("Only the two sides of a meeting record leads.")})
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError({"meeting": _("Leads are recorded after a meeting was held.")})
    if interest not in InterestLevel.values:
        raise ValidationError({"interest": _("Choose the level of interest.")})
    if showcase is not None and showcase.event_id != meeting.event_id:
        raise ValidationError({"showcase": _("The project is not on show at this event.")})
    lead, created = Lead.objects.update_or_create(
        meeting=meeting,
        recorded_by=participant,
        defaults={"interest": interest, "notes": notes.strip(), "showcase": showcase},
    )
    record_event(
        action="forum.lead_record" if created else "forum.lead_update", instance=lead, actor=by
    )
    return lead
