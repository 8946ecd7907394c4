from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse

from imar.forum.enums import MeetingStatus, Priority
from imar.forum.models import Meeting, Slot
from imar.forum.services import meeting_requests as svc
from imar.forum.services.schedule import schedule_run


def _accepted(officer, a, b, priority=Priority.WOULD_LIKE):
    request = svc.request_send(by=officer, sender=a, receiver=b, priority=priority)
    return svc.request_accept(by=officer, request=request)


def _check_feasible(event):
    meetings = list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request")
    )
    per_table = Counter((m.slot_id, m.table_id) for m in meetings)
    assert max(per_table.values(), default=1) == 1
    busy = Counter()
    for m in meetings:
        busy[(m.request.from_participant_id, m.slot_id)] += 1
        busy[(m.request.to_participant_id, m.slot_id)] += 1
    assert max(busy.values(), default=1) == 1
    for m in meetings:
        for p in (m.request.from_participant, m.request.to_participant):
            assert not p.unavailable_slots.filter(pk=m.slot_id).exists()
    return meetings


@pytest.fixture
def small_event(event, make_participant, officer):
    """Five participants, seven accepted requests, four slots, three tables."""
    people = [make_participant(f"P{k}") for k in range(5)]
    slots = list(Slot.objects.filter(event=event))
    people[4].unavailable_slots.add(slots[0], slots[1])
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4)]
    requests = [
        _accepted(
            officer, people[a], people[b], Priority.MUST_MEET if k % 2 else Priority.WOULD_LIKE
        )
        for k, (a, b) in enumerate(pairs)
    ]
    return people, slots, requests


def test_schedule_places_every_accepted_request_feasibly(event, small_event, officer):
    people, slots, requests = small_event
    run = schedule_run(by=officer, event=event)
    meetings = _check_feasible(event)
    assert len(meetings) == len(requests) == run.meetings
    assert run.scheduled_weight == sum(r.weight for r in requests)
    assert run.upper_bound >= run.scheduled_weight and run.gap == pytest.approx(0)
    # P4 is away for the first two slots.
    p4 = [
        m
        for m in meetings
        if people[4].pk in (m.request.from_participant_id, m.request.to_participant_id)
    ]
    assert p4 and all(m.slot_id not in (slots[0].pk, slots[1].pk) for m in p4)


def test_locked_meeting_stays_in_its_slot(event, small_event, officer):
    people, slots, requests = small_event
    svc.request_lock(by=officer, request=requests[0], slot=slots[3])
    schedule_run(by=officer, event=event)
    assert Meeting.objects.get(request=requests[0]).slot == slots[3]


def test_reschedule_after_a_cancellation_moves_few_meetings(
    event, small_event, make_participant, officer
):
    people, slots, requests = small_event
    schedule_run(by=officer, event=event)
    before = {m.request_id: (m.slot_id, m.table_id) for m in Meeting.objects.all()}
    svc.request_cancel(by=officer, request=requests[2])
    late = make_participant("Late")
    _accepted(officer, late, people[0], Priority.MUST_MEET)
    run = schedule_run(by=officer, event=event)
    _check_feasible(event)
    after = {
        m.request_id: (m.slot_id, m.table_id)
        for m in Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
    }
    moved = [r for r in before if r in after and before[r][0] != after[r][0]]
    assert run.moved == len(moved) + len(
        [r for r in before if r not in after and r != requests[2].pk]
    )
    assert run.moved <= 2
    assert requests[2].pk not in after


def test_held_meetings_are_kept_when_rescheduling(event, small_event, officer):
    people, slots, requests = small_event
    schedule_run(by=officer, event=event)
    held = Meeting.objects.first()
    Meeting.objects.filter(pk=held.pk).update(status=MeetingStatus.HELD)
    schedule_run(by=officer, event=event)
    kept = Meeting.objects.get(pk=held.pk)
    assert (kept.slot_id, kept.table_id, kept.status) == (
        held.slot_id,
        held.table_id,
        MeetingStatus.HELD,
    )


def test_scheduling_without_tables_is_refused(event, small_event, officer):
    event.tables.all().delete()
    with pytest.raises(ValidationError, match="tables"):
        schedule_run(by=officer, event=event)


def test_schedule_page_shows_weight_bound_and_gap(client, event, small_event, officer):
    client.force_login(officer)
    url = reverse("forum:organize_schedule", args=[event.slug])
    client.cookies["imar_language"] = "en"
    with (
        override_settings(IMAR_JOBS_IMMEDIATE=True),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(url)  # a job; it runs at commit (the immediate backend)
    html = client.get(response.url).content.decode()
    assert "\u20687\u2069 meetings scheduled; \u20680\u2069 earlier meetings moved." in html
    assert "Upper bound" in html and "Gap to the best possible" in html
    assert "P0" in html  # the table plan lists the participants
