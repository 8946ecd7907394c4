"""Small builders shared by the forum tests."""

from imar.forum.enums import MeetingStatus, Priority
from imar.forum.models import Meeting, Slot, Table
from imar.forum.services import meeting_requests


def meeting_between(officer, a, b, *, slot_index=0, table_number=1, status=MeetingStatus.SCHEDULED):
    request = meeting_requests.organizer_meeting_create(
        by=officer, a=a, b=b, priority=Priority.MUST_MEET
    )
    event = a.event
    return Meeting.objects.create(
        event=event,
        request=request,
        slot=list(Slot.objects.filter(event=event))[slot_index],
        table=Table.objects.get(event=event, number=table_number),
        status=status,
    )
