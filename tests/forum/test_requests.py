from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from imar.forum.enums import ParticipantStatus, Priority, RequestStatus
from imar.forum.models import MeetingRequest, Slot
from imar.forum.services import meeting_requests as svc


def test_send_and_accept(event, make_participant, officer):
    a, b = make_participant(), make_participant(kind="libyan_institution", country="LY")
    request = svc.request_send(
        by=officer, sender=a, receiver=b, message="Hello", priority=Priority.MUST_MEET
    )
    assert request.status == RequestStatus.PENDING and request.weight == 3
    svc.request_accept(by=officer, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED and request.responded_at


def test_second_open_request_between_the_same_pair_is_refused(event, make_participant, officer):
    a, b = make_participant(), make_participant()
    svc.request_send(by=officer, sender=a, receiver=b)
    with pytest.raises(ValidationError, match="already an open request"):
        svc.request_send(by=officer, sender=b, receiver=a)


def test_request_to_a_pending_participant_is_refused(event, make_participant, officer):
    a, b = make_participant(), make_participant(status=ParticipantStatus.PENDING)
    with pytest.raises(ValidationError, match="not an approved participant"):
        svc.request_send(by=officer, sender=a, receiver=b)


def test_request_within_one_organization_is_refused(event, make_participant, officer):
    a = make_participant()
    b = make_participant(organization=a.organization)
    with pytest.raises(ValidationError, match="same organization"):
        svc.request_send(by=officer, sender=a, receiver=b)


def test_expired_request_cannot_be_accepted(event, make_participant, officer):
    a, b = make_participant(), make_participant()
    request = svc.request_send(
        by=officer, sender=a, receiver=b, expires_at=timezone.now() + timedelta(hours=1)
    )
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        svc.request_accept(by=officer, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED


def test_requests_expire_in_bulk(event, make_participant, officer):
    a, b, c = make_participant(), make_participant(), make_participant()
    soon = timezone.now() + timedelta(minutes=5)
    svc.request_send(by=officer, sender=a, receiver=b, expires_at=soon)
    svc.request_send(by=officer, sender=a, receiver=c)
    assert svc.requests_expire(now=soon + timedelta(seconds=1)) == 1
    assert MeetingRequest.objects.filter(status=RequestStatus.EXPIRED).count() == 1


def test_organizer_meeting_is_accepted_and_locked(event, make_participant, officer):
    a, b = make_participant(), make_participant()
    slot = Slot.objects.filter(event=event).first()
    request = svc.organizer_meeting_create(by=officer, a=a, b=b, locked_slot=slot)
    assert request.status == RequestStatus.ACCEPTED
    assert request.created_by_organizer and request.locked and request.locked_slot == slot


def test_lock_in_an_unavailable_slot_is_refused(event, make_participant, officer):
    a, b = make_participant(), make_participant()
    slot = Slot.objects.filter(event=event).first()
    b.unavailable_slots.add(slot)
    with pytest.raises(ValidationError, match="not available in this slot"):
        svc.organizer_meeting_create(by=officer, a=a, b=b, locked_slot=slot)


def test_two_locked_meetings_for_one_person_in_one_slot_are_refused(
    event, make_participant, officer
):
    a, b, c = make_participant(), make_participant(), make_participant()
    slot = Slot.objects.filter(event=event).first()
    svc.organizer_meeting_create(by=officer, a=a, b=b, locked_slot=slot)
    with pytest.raises(ValidationError, match="already has a locked meeting"):
        svc.organizer_meeting_create(by=officer, a=a, b=c, locked_slot=slot)


def test_delegate_sends_accepts_and_declines_through_their_space(client, event, make_delegate):
    me, other, third = make_delegate("Me"), make_delegate("Other"), make_delegate("Third")
    client.force_login(other.user)
    url = reverse("forum:request_send", args=[event.slug, me.pk])
    client.post(url, {"priority": "must_meet", "message": "Water networks"})
    client.force_login(third.user)
    client.post(reverse("forum:request_send", args=[event.slug, me.pk]), {"priority": "would_like"})
    incoming = {r.from_participant_id: r for r in MeetingRequest.objects.filter(to_participant=me)}
    client.force_login(me.user)
    page = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
    assert "Water networks" in page
    client.post(
        reverse("forum:request_respond", args=[event.slug, incoming[other.pk].pk, "accept"])
    )
    client.post(
        reverse("forum:request_respond", args=[event.slug, incoming[third.pk].pk, "decline"])
    )
    statuses = dict(MeetingRequest.objects.values_list("from_participant_id", "status"))
    assert statuses == {other.pk: RequestStatus.ACCEPTED, third.pk: RequestStatus.DECLINED}


def test_delegate_cannot_accept_a_request_they_sent(client, event, make_delegate):
    me, other = make_delegate(), make_delegate()
    client.force_login(me.user)
    client.post(
        reverse("forum:request_send", args=[event.slug, other.pk]), {"priority": "would_like"}
    )
    request = MeetingRequest.objects.get()
    response = client.post(
        reverse("forum:request_respond", args=[event.slug, request.pk, "accept"])
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_requests_overview_counts_each_status(client, event, make_participant, officer):
    a, b, c = make_participant("Alpha"), make_participant("Beta"), make_participant("Gamma")
    svc.request_send(by=officer, sender=a, receiver=b)
    declined = svc.request_send(by=officer, sender=a, receiver=c)
    svc.request_decline(by=officer, request=declined)
    client.force_login(officer)
    url = reverse("forum:organize_requests", args=[event.slug])
    html = client.get(url, {"status": "declined"}).content.decode()
    assert "<td>Gamma<div" in html and "<td>Beta<div" not in html
    assert 'Declined <span class="badge text-bg-light border">1</span>' in html
