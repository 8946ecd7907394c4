from django.urls import reverse

from imar.accounts.permissions import is_forum_organizer

ORGANIZER_PAGES = [
    "forum:organize", "forum:organize_participants", "forum:organize_showcase", "forum:organize_setup",
    "forum:organize_requests", "forum:organize_schedule", "forum:organize_checkin",
    "forum:organize_live", "forum:organize_leads",
]  # fmt: skip


def test_forum_organizers_are_administrators_and_fund_officers(
    admin_user, officer, engineer, auditor, outsider
):
    assert is_forum_organizer(admin_user) and is_forum_organizer(officer)
    assert not any(is_forum_organizer(u) for u in (engineer, auditor, outsider))


def test_organizer_pages_open_for_an_officer_and_are_refused_to_a_delegate(
    client, event, officer, make_delegate
):
    client.force_login(officer)
    assert {
        n: client.get(reverse(n, args=[event.slug])).status_code for n in ORGANIZER_PAGES
    } == dict.fromkeys(ORGANIZER_PAGES, 200)
    client.force_login(make_delegate().user)
    assert {
        n: client.get(reverse(n, args=[event.slug])).status_code for n in ORGANIZER_PAGES
    } == dict.fromkeys(ORGANIZER_PAGES, 403)


def test_organizer_pages_send_anonymous_visitors_to_login(client, event):
    response = client.get(reverse("forum:organize", args=[event.slug]))
    assert response.status_code == 302 and "login" in response.url


def test_delegate_cannot_open_staff_pages(client, make_delegate):
    client.force_login(make_delegate().user)
    assert client.get(reverse("partners:coordination")).status_code == 403
    assert client.get(reverse("accounts:audit_trail")).status_code == 403


def test_delegate_sees_only_their_own_space(client, event, make_delegate):
    jane = make_delegate("Jane Doe", phone="+1 555 0100")
    salem = make_delegate("Salem Private", phone="+218 91 000 0000")
    client.force_login(jane.user)
    page = client.get(reverse("forum:my_space", args=[event.slug])).content.decode()
    assert "Jane Doe" in page
    # Others appear only as recommendations, never with their phone or check-in code.
    assert "+218 91 000 0000" not in page and salem.checkin_code not in page


def test_staff_user_without_a_delegate_record_has_no_delegate_space(client, event, officer):
    client.force_login(officer)
    assert client.get(reverse("forum:my_space", args=[event.slug])).status_code == 403


def test_organizer_cannot_be_faked_by_a_delegate_posting(
    client, event, make_delegate, make_participant
):
    pending = make_participant(status="pending")
    client.force_login(make_delegate().user)
    url = reverse("forum:participant_decide", args=[event.slug, pending.pk, "approve"])
    assert client.post(url).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_public_pages_need_no_login(client, event):
    assert client.get(reverse("forum:event", args=[event.slug])).status_code == 200
    assert client.get(reverse("forum:showcase", args=[event.slug])).status_code == 200
    assert client.get(reverse("forum:register", args=[event.slug])).status_code == 200
    assert client.get(reverse("forum:index")).status_code == 302


def test_delegate_edits_their_own_availability(client, event, make_delegate, officer):
    from imar.forum.models import Slot
    from imar.forum.services.meeting_requests import organizer_meeting_create

    me, other = make_delegate(), make_delegate()
    slots = list(Slot.objects.filter(event=event))
    client.force_login(me.user)
    url = reverse("forum:profile", args=[event.slug])
    data = {"offers": "Pumps", "seeks": "Partners", "sectors": ["water_sanitation"],
            "max_meetings": "5", "unavailable_slots": [slots[0].pk],
            "row_version": me.row_version}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    me.refresh_from_db()
    assert (me.offers, me.max_meetings) == ("Pumps", 5)
    assert list(me.unavailable_slots.all()) == [slots[0]]
    # A slot where the organizers fixed a meeting cannot be made unavailable.
    organizer_meeting_create(by=officer, a=me, b=other, locked_slot=slots[1])
    me.refresh_from_db()
    response = client.post(
        url, {**data, "unavailable_slots": [slots[1].pk], "row_version": me.row_version}
    )
    assert "The organizers fixed a meeting for you in this slot." in response.content.decode()
    assert list(me.unavailable_slots.all()) == [slots[0]]
