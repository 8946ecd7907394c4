from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from imar.forum.enums import MeetingStatus, Priority, RequestStatus
from imar.forum.models import Event, Meeting, MeetingRequest, Slot, Table


def test_slots_are_generated_with_breaks(event):
    slots = list(Slot.objects.filter(event=event))
    assert len(slots) == 4
    assert all(s.ends_at - s.starts_at == timedelta(minutes=20) for s in slots)
    # A 10-minute break after the second slot.
    assert slots[2].starts_at - slots[1].ends_at == timedelta(minutes=10)
    assert slots[1].starts_at == slots[0].ends_at
    assert [t.number for t in Table.objects.filter(event=event)] == [1, 2, 3]


def test_event_cannot_end_before_it_starts(event):
    event.ends_on = event.starts_on - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_request_to_oneself_is_refused_by_the_database(event, make_participant):
    p = make_participant()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(event=event, from_participant=p, to_participant=p)


def test_only_one_open_request_per_pair(event, make_participant):
    a, b = make_participant(), make_participant()
    MeetingRequest.objects.create(event=event, from_participant=a, to_participant=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(event=event, from_participant=a, to_participant=b)
    # A declined request does not block a new one.
    MeetingRequest.objects.filter(from_participant=a).update(status=RequestStatus.DECLINED)
    MeetingRequest.objects.create(event=event, from_participant=a, to_participant=b)


def test_locked_request_needs_a_slot(event, make_participant):
    a, b = make_participant(), make_participant()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(
            event=event, from_participant=a, to_participant=b, locked=True
        )


def test_priority_weights(event, make_participant):
    a, b = make_participant(), make_participant()
    must = MeetingRequest(from_participant=a, to_participant=b, priority=Priority.MUST_MEET)
    would = MeetingRequest(from_participant=a, to_participant=b, priority=Priority.WOULD_LIKE)
    assert (must.weight, would.weight) == (3, 1)


def test_one_meeting_per_table_and_slot(event, make_participant):
    a, b, c, d = (make_participant() for _ in range(4))
    slot, table = (
        Slot.objects.filter(event=event).first(),
        Table.objects.filter(event=event).first(),
    )
    r1 = MeetingRequest.objects.create(event=event, from_participant=a, to_participant=b)
    r2 = MeetingRequest.objects.create(event=event, from_participant=c, to_participant=d)
    Meeting.objects.create(event=event, request=r1, slot=slot, table=table)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(event=event, request=r2, slot=slot, table=table)
    # A cancelled meeting frees the table.
    Meeting.objects.filter(request=r1).update(status=MeetingStatus.CANCELLED)
    Meeting.objects.create(event=event, request=r2, slot=slot, table=table)
    assert Event.objects.count() == 1


def test_organizer_adds_slots_and_tables_and_overlaps_are_refused(client, event, officer):
    from django.urls import reverse

    client.force_login(officer)
    url = reverse("forum:organize_setup", args=[event.slug])
    data = {"slots": "1", "slots-day": "2027-05-12", "slots-start": "09:00",
            "slots-slot_minutes": "30", "slots-count": "3"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert Slot.objects.filter(event=event, starts_at__date="2027-05-12").count() == 3
    response = client.post(url, {**data, "slots-start": "09:30"})
    assert "overlap" in response.content.decode()
    outside = client.post(url, {**data, "slots-day": "2027-06-01"})
    assert "within the event" in outside.content.decode()
    client.post(url, {"tables": "1", "tables-room_ar": "قاعة", "tables-room_en": "Annex",
                      "tables-count": "2"})  # fmt: skip
    assert [t.number for t in Table.objects.filter(event=event)] == [1, 2, 3, 4, 5]
