"""The organizer's scheduling options through the service and the pages: per-slot tables,
interpreters, the recipient's preference and the buyer weight, rebooking after a no-show,
what a run moved, confirmation on lock, and the reason shown to both delegates."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from imar.forum.enums import MeetingStatus, ParticipantKind, Priority, RecipientPriority
from imar.forum.models import Meeting, MeetingRequest, ScheduleRun, Slot
from imar.forum.services import meeting_requests as svc
from imar.forum.services.schedule import rebook_run, schedule_run


def _accepted(officer, a, b, priority=Priority.WOULD_LIKE, **fields):
    request = svc.request_send(by=officer, sender=a, receiver=b, priority=priority)
    request = svc.request_accept(by=officer, request=request)
    if fields:
        MeetingRequest.objects.filter(pk=request.pk).update(**fields)
        request.refresh_from_db()
    return request


def _live(event):
    return list(
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("request", "slot")
    )


def test_slot_tables_and_interpreters_limit_the_schedule(event, make_participant, officer):
    slots = list(Slot.objects.filter(event=event))
    for s in slots:
        s.tables_open, s.interpreters = 0, {}
        s.save()
    slots[1].tables_open, slots[1].interpreters = 3, {"it": 1}
    slots[1].save()
    people = [make_participant(f"P{k}") for k in range(6)]
    it1 = _accepted(officer, people[0], people[1], Priority.MUST_MEET, interpreter="it")
    it2 = _accepted(officer, people[2], people[3], interpreter="it")
    plain = _accepted(officer, people[4], people[5])
    run = schedule_run(by=officer, event=event)
    live = _live(event)
    assert {m.slot_id for m in live} == {slots[1].pk}  # the only slot with tables
    assert sorted(m.request_id for m in live) == sorted([it1.pk, plain.pk])
    assert Counter(m.request.interpreter for m in live)["it"] == 1
    (left,) = run.unscheduled
    assert left == {"request": it2.pk, "code": "no_interpreter", "params": left["params"]}
    assert left["params"]["language"] == "it"


def test_recipient_no_thanks_is_never_scheduled_and_buyer_weight_counts(
    event, make_participant, officer
):
    buyer = make_participant("Buyer", kind=ParticipantKind.LIBYAN_INSTITUTION)
    seller, other = make_participant("Seller"), make_participant("Other")
    no = _accepted(officer, other, seller, recipient_priority=RecipientPriority.NO_THANKS)
    wanted = _accepted(officer, buyer, seller, recipient_priority=RecipientPriority.MUST_MEET)
    assert no.weight == 0
    assert wanted.weight == 1 + 3  # requester would like (1) + recipient must meet (3)
    event.buyer_weight = 2.5
    event.save()
    wanted.refresh_from_db()
    assert wanted.weight == 1 * 2.5 + 3  # the buyer is the requester
    schedule_run(by=officer, event=event)
    assert [m.request_id for m in _live(event)] == [wanted.pk]


def test_rebook_after_a_no_show_moves_nothing_and_uses_a_later_free_slot(
    event, make_participant, officer
):
    slots = list(Slot.objects.filter(event=event))
    a, b, c = (make_participant(n) for n in "ABC")
    ab = _accepted(officer, a, b, Priority.MUST_MEET)
    bc = _accepted(officer, b, c)
    schedule_run(by=officer, event=event)
    before = {m.request_id: (m.slot_id, m.table_id) for m in _live(event)}
    first = min(before.values())[0]
    missed = next(r for r, (s, _t) in before.items() if s == first)
    Meeting.objects.filter(request_id=missed).update(status=MeetingStatus.NO_SHOW)
    later = next(s for s in slots if s.starts_at > Slot.objects.get(pk=first).starts_at)
    run = rebook_run(by=officer, event=event, from_slot=later)
    after = {m.request_id: (m.slot_id, m.table_id) for m in _live(event)}
    other = ({ab.pk, bc.pk} - {missed}).pop()
    assert after[other] == before[other]  # the standing meeting did not move
    new_slot = Slot.objects.get(pk=after[missed][0])
    assert new_slot.starts_at >= later.starts_at
    assert Meeting.objects.get(request_id=missed).status == MeetingStatus.SCHEDULED
    assert run.kind == "rebook" and run.moved == 0  # nothing that stood moved
    assert run.moved_requests == [
        {"request": missed, "from": first, "to": new_slot.pk, "rebooked": True}
    ]


def test_schedule_page_lists_what_the_run_moved(client, event, make_participant, officer):
    slots = list(Slot.objects.filter(event=event))
    a, b, c = (make_participant(n) for n in ("Amal", "Basil", "Chen"))
    _accepted(officer, a, b)
    schedule_run(by=officer, event=event)
    # b becomes unavailable where the meeting was: the next run moves it.
    (m,) = _live(event)
    b.unavailable_slots.add(m.slot)
    _accepted(officer, a, c)
    run = schedule_run(by=officer, event=event)
    assert run.moved == 1 and run.moved_requests[0]["from"] == m.slot_id
    client.force_login(officer)
    html = client.get(reverse("forum:organize_schedule", args=[event.slug])).content.decode()
    assert "1 meeting moved by the last run" in html
    assert "<bdi>Amal</bdi> – <bdi>Basil</bdi>" in html and "data-moved" in html
    assert "data-rebook" in html and f'value="{slots[0].pk}"' in html


def test_locking_asks_for_confirmation_first(client, event, make_participant, officer):
    slot = Slot.objects.filter(event=event).last()
    request = _accepted(officer, make_participant("Vip"), make_participant("Host"))
    client.force_login(officer)
    url = reverse("forum:request_lock", args=[event.slug, request.pk])
    page = client.post(url, {"slot": slot.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lock this meeting?" in html and 'name="confirm" value="yes"' in html
    request.refresh_from_db()
    assert not request.locked  # nothing happened yet
    done = client.post(url, {"slot": slot.pk, "confirm": "yes"}, follow=True)
    request.refresh_from_db()
    assert request.locked and request.locked_slot == slot
    assert "in every schedule from now on" in done.content.decode()
    with translation.override("ar"):
        client.cookies["imar_language"] = "ar"
        html = client.post(url, {"slot": slot.pk}).content.decode()
    assert "تثبيت هذا الاجتماع؟" in html


def test_both_delegates_see_why_an_accepted_request_was_not_scheduled(
    client, event, make_delegate, officer
):
    for s in Slot.objects.filter(event=event):
        s.interpreters = {}
        s.save()
    a, b = make_delegate("Asma"), make_delegate("Bruno")
    request = _accepted(officer, a, b, interpreter="zh")
    run = schedule_run(by=officer, event=event)
    assert run.unscheduled[0]["code"] == "no_interpreter"
    for person in (a, b):
        client.force_login(person.user)
        html = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
        assert "data-not-scheduled" in html
        assert "Not scheduled: no zh interpreter is free in the slots both are free" in html
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
    assert "لم يُجدول: لا يوجد مترجم فوري متاح للغة zh" in html
    assert ScheduleRun.objects.filter(event=event).count() == 1
    assert request.pk == run.unscheduled[0]["request"]


@pytest.mark.parametrize("tables_open", [1, 99])
def test_tables_open_is_capped_by_the_event_tables(event, make_participant, officer, tables_open):
    Slot.objects.filter(event=event).update(tables_open=tables_open)
    people = [make_participant() for _ in range(8)]
    for k in range(0, 8, 2):
        _accepted(officer, people[k], people[k + 1])
    schedule_run(by=officer, event=event)
    per_slot = Counter(m.slot_id for m in _live(event))
    assert max(per_slot.values()) <= min(tables_open, 3)  # the fixture has three tables


def test_setup_page_saves_tables_interpreters_and_buyer_weight(client, event, officer):
    slots = list(Slot.objects.filter(event=event))
    client.force_login(officer)
    url = reverse("forum:organize_setup", args=[event.slug])
    assert "data-capacity" in client.get(url).content.decode()
    data = {"capacity": "1", "buyer_weight": "2", f"tables-{slots[0].pk}": "1"}
    data[f"interp-{slots[1].pk}"] = "it:2, ZH:1"
    client.post(url, data)
    slots = list(Slot.objects.filter(event=event))
    event.refresh_from_db()
    assert (slots[0].tables_open, slots[1].interpreters) == (1, {"it": 2, "zh": 1})
    assert slots[2].tables_open is None and event.buyer_weight == 2
    # Bad input: a clear error naming the slot, and nothing half-written.
    bad = {"capacity": "1", f"tables-{slots[0].pk}": "3", f"interp-{slots[2].pk}": "italian"}
    page = client.post(url, bad, follow=True).content.decode()
    assert "is not a language code and a number" in page
    assert Slot.objects.get(pk=slots[0].pk).tables_open == 1  # unchanged
    page = client.post(url, {"capacity": "1", "buyer_weight": "99"}, follow=True)
    assert "between 0 and 10" in page.content.decode()


def test_recipient_states_their_priority_when_accepting(client, event, make_delegate, officer):
    a, b = make_delegate("Asma"), make_delegate("Bruno")
    request = svc.request_send(by=officer, sender=a, receiver=b, priority=Priority.WOULD_LIKE)
    client.force_login(b.user)
    page = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
    assert 'name="recipient_priority"' in page
    url = reverse("forum:request_respond", args=[event.slug, request.pk, "accept"])
    client.post(url, {"recipient_priority": "must_meet"})
    request.refresh_from_db()
    assert request.status == "accepted" and request.recipient_priority == "must_meet"
    assert request.weight == 1 + 3


def test_organizer_arranges_a_meeting_that_needs_an_interpreter(
    client, event, make_participant, officer
):
    a, b = make_participant("Aya"), make_participant("Bo")
    client.force_login(officer)
    url = reverse("forum:organizer_meeting", args=[event.slug])
    client.post(url, {"a": a.pk, "b": b.pk, "priority": "must_meet", "interpreter": "ZH"})
    request = MeetingRequest.objects.get(from_participant=a, to_participant=b)
    assert request.interpreter == "zh" and request.status == "accepted"
    c = make_participant("Cy")
    page = client.post(
        url, {"a": c.pk, "b": a.pk, "priority": "must_meet", "interpreter": "chinese"}, follow=True
    )
    assert "like it or zh" in page.content.decode()


def test_two_delegates_of_one_organization_meet_in_parallel(event, make_participant, officer):
    slots = list(Slot.objects.filter(event=event))
    Slot.objects.filter(event=event).exclude(pk=slots[0].pk).update(tables_open=0)
    first = make_participant("Delegate one")
    second = make_participant("Delegate two", organization=first.organization)
    x, y = make_participant("X"), make_participant("Y")
    _accepted(officer, first, x)
    _accepted(officer, second, y)
    _accepted(officer, first, y)  # the same person cannot also meet Y in the only slot
    run = schedule_run(by=officer, event=event)
    live = _live(event)
    assert {m.slot_id for m in live} == {slots[0].pk} and len(live) == 2
    people = Counter()
    for m in live:
        people[m.request.from_participant_id] += 1
        people[m.request.to_participant_id] += 1
    assert max(people.values()) == 1  # nobody double-booked
    assert {m.request.from_participant_id for m in live} == {first.pk, second.pk}
    # Truthful: the one who is left out has a meeting in every slot they can attend.
    (left,) = run.unscheduled
    assert left["code"] == "no_free_slot_left"
    assert left["params"]["participant"] in (str(first.pk), str(y.pk))


def test_the_reason_names_who_is_full(client, event, make_delegate, officer):
    a, b, c = make_delegate("Asma"), make_delegate("Bruno"), make_delegate("Chiara")
    a.max_meetings = 1
    a.save()
    _accepted(officer, a, b, Priority.MUST_MEET)
    left = _accepted(officer, a, c)
    run = schedule_run(by=officer, event=event)
    assert run.unscheduled == [
        {"request": left.pk, "code": "at_max_meetings", "params": run.unscheduled[0]["params"]}
    ]
    assert run.unscheduled[0]["params"] == {"participant": str(a.pk), "meetings": 1}
    for person in (a, c):  # both sides of the left-out request, not Bruno
        client.force_login(person.user)
        html = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
        assert "Not scheduled: Asma has reached their maximum number of meetings (1)" in html
    client.force_login(officer)
    html = client.get(reverse("forum:organize_schedule", args=[event.slug])).content.decode()
    assert "Asma has reached their maximum number of meetings (1)" in html
