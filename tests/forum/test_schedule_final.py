"""Provisional then final schedule, and requests addressed to an organization (Django side)."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from imar.accounts.models import AuditEvent
from imar.forum.enums import MeetingStatus, Priority
from imar.forum.models import Meeting, MeetingRequest, Slot
from imar.forum.services import meeting_requests as svc
from imar.forum.services.schedule import (
    schedule_make_final,
    schedule_make_provisional,
    schedule_run,
)


def _accepted(officer, a, b, priority=Priority.WOULD_LIKE, **kwargs):
    request = svc.request_send(by=officer, sender=a, receiver=b, priority=priority, **kwargs)
    return svc.request_accept(by=officer, request=request)


def _no_double_booking(event):
    meetings = list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request")
    )
    busy = Counter()
    for m in meetings:
        busy[(m.request.from_participant_id, m.slot_id)] += 1
        busy[(m.request.to_participant_id, m.slot_id)] += 1
    assert max(busy.values(), default=1) == 1
    assert max(Counter((m.slot_id, m.table_id) for m in meetings).values(), default=1) == 1
    return meetings


@pytest.fixture
def scheduled(event, make_participant, officer):
    people = [make_participant(f"P{k}") for k in range(5)]
    pairs = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (1, 4)]
    requests = [_accepted(officer, people[a], people[b]) for a, b in pairs]
    schedule_run(by=officer, event=event)
    return people, requests


def test_final_locks_every_meeting_and_a_rerun_only_places_new_requests(event, scheduled, officer):
    people, requests = scheduled
    before = {m.request_id: (m.slot_id, m.table_id) for m in _no_double_booking(event)}
    assert len(before) == len(requests)
    vip = requests[0]
    svc.request_lock(by=officer, request=vip, slot=Meeting.objects.get(request=vip).slot)
    locked = schedule_make_final(by=officer, event=event)
    event.refresh_from_db()
    assert event.schedule_final and locked == len(requests) - 1  # the VIP was locked already
    assert MeetingRequest.objects.filter(event=event, locked=True).count() == len(requests)
    audit = AuditEvent.objects.get(action="forum.schedule_final", object_id=str(event.pk))
    assert audit.changes["meetings_locked"] == [None, locked]
    late = _accepted(officer, people[0], people[4], Priority.MUST_MEET)
    run = schedule_run(by=officer, event=event)
    after = {m.request_id: (m.slot_id, m.table_id) for m in _no_double_booking(event)}
    assert {r: after[r] for r in before} == before  # nothing moved, not even a table
    assert run.moved == 0
    assert late.pk in after or any(u["request"] == late.pk for u in run.unscheduled)
    with pytest.raises(ValidationError):
        schedule_make_final(by=officer, event=event)
    # Back to provisional: only the switch's locks go; the VIP lock stays.
    assert schedule_make_provisional(by=officer, event=event) == locked
    assert list(MeetingRequest.objects.filter(event=event, locked=True)) == [vip]
    assert AuditEvent.objects.filter(action="forum.schedule_provisional").count() == 1


def test_final_needs_a_schedule(event, officer):
    with pytest.raises(ValidationError):
        schedule_make_final(by=officer, event=event)


def test_final_switch_asks_first_then_applies(client, event, scheduled, officer):
    client.force_login(officer)
    url = reverse("forum:schedule_final", args=[event.slug, "final"])
    page = client.post(url)
    assert page.status_code == 200 and b"data-final-confirm" in page.content
    event.refresh_from_db()
    assert not event.schedule_final  # nothing happens before the confirmation
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.schedule_final
    page = client.get(reverse("forum:organize_schedule", args=[event.slug]))
    assert b"Final schedule" in page.content and b"Make provisional again" in page.content
    with translation.override("ar"):
        client.cookies["imar_language"] = "ar"
        page = client.post(reverse("forum:schedule_final", args=[event.slug, "provisional"]))
        assert "مؤقت" in page.content.decode()


def test_delegate_agenda_says_provisional_then_final(client, event, make_delegate, officer):
    a, b = make_delegate("Alice"), make_delegate("Bob")
    _accepted(officer, a, b)
    schedule_run(by=officer, event=event)
    client.force_login(a.user)
    page = client.get(reverse("forum:agenda", args=[event.slug])).content
    assert b'data-agenda-state="provisional"' in page
    schedule_make_final(by=officer, event=event)
    page = client.get(reverse("forum:agenda", args=[event.slug])).content
    assert b'data-agenda-state="final"' in page
    space = client.get(reverse("forum:my_space", args=[event.slug])).content
    assert b'data-agenda-state="final"' in space


def test_request_to_an_organization_goes_to_whichever_delegate_is_free(
    event, make_participant, officer
):
    """Three visitors ask the same organization in a one-slot event; its three delegates
    meet them in parallel, each once."""
    Slot.objects.filter(event=event).exclude(pk=Slot.objects.filter(event=event)[0].pk).delete()
    host = make_participant("Host 1")
    colleagues = [host] + [
        make_participant(f"Host {k}", organization=host.organization) for k in (2, 3)
    ]
    visitors = [make_participant(f"Visitor {k}") for k in range(3)]
    requests = [_accepted(officer, v, host, to_organization=True) for v in visitors]
    run = schedule_run(by=officer, event=event)
    meetings = _no_double_booking(event)
    assert run.meetings == 3 == len(meetings)
    assert sorted(m.request.to_participant_id for m in meetings) == sorted(c.pk for c in colleagues)
    for r in requests:
        r.refresh_from_db()
        assert r.to_participant.organization_id == host.organization_id
    # A rerun keeps each meeting with the delegate it went to.
    again = schedule_run(by=officer, event=event)
    assert again.moved == 0
    assert sorted(m.request.to_participant_id for m in _no_double_booking(event)) == sorted(
        c.pk for c in colleagues
    )


def test_request_to_one_person_stays_with_them(event, make_participant, officer):
    Slot.objects.filter(event=event).exclude(pk=Slot.objects.filter(event=event)[0].pk).delete()
    host = make_participant("Host")
    make_participant("Colleague", organization=host.organization)
    for k in range(2):
        _accepted(officer, make_participant(f"V{k}"), host)
    run = schedule_run(by=officer, event=event)
    assert run.meetings == 1
    assert len(run.unscheduled) == 1


def test_request_form_sends_to_the_organization(client, event, make_delegate):
    me, other = make_delegate("Me"), make_delegate("Other")
    client.force_login(me.user)
    client.post(
        reverse("forum:request_send", args=[event.slug, other.pk]),
        {"priority": Priority.WOULD_LIKE, "to_organization": "on"},
    )
    assert MeetingRequest.objects.get(from_participant=me).to_organization


def test_left_out_request_to_an_organization_says_none_of_its_delegates_could():
    from imar.forum.unscheduled import unscheduled_text

    entry = {"code": "no_common_slot", "params": {"a": "1", "b": "2", "delegates": 3}}
    with translation.override("en"):
        text = unscheduled_text(entry)
        assert text.startswith("none of the organization's 3 delegates could take it")
        assert "no free slot in common" in text
        assert unscheduled_text({"code": "no_common_slot", "params": {}}).startswith("the two")
    with translation.override("ar"):
        assert "مندوبي المؤسسة" in unscheduled_text(entry)
