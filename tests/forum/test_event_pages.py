"""Organizer pages for events and their agenda: create, edit, validation, access, audit."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from imar.accounts.models import AuditEvent
from imar.forum.models import Event, Room, Session
from imar.forum.services import programme
from tests.urls_in import reverse_en

EVENT_POST = {
    "name_ar": "منتدى الاستثمار في درنة",
    "name_en": "Derna Investment Forum",
    "slug": "",
    "city_ar": "درنة",
    "city_en": "Derna",
    "venue_ar": "فندق الجبل",
    "venue_en": "Mountain hotel",
    "starts_on": "2027-09-14",
    "ends_on": "2027-09-15",
    "registration_open": "on",
    "description_ar": "لقاءات مع المستثمرين",
    "description_en": "Meetings with investors",
}


def _at(day: int, hour: int, minute: int = 0):
    return timezone.make_aware(datetime(2027, 5, day, hour, minute))


def _session_post(event_room: Room | None = None, **overrides) -> dict:
    post = {
        "title_ar": "جلسة افتتاحية",
        "title_en": "Opening session",
        "day": "2027-05-11",
        "starts_at": "09:00",
        "ends_at": "09:45",
        "room": event_room.pk if event_room else "",
        "speakers": "Minister of Planning",
    }
    return {**post, **overrides}


@pytest.fixture
def hall(event):
    return Room.objects.get(event=event, name_en="Main hall")


def test_organizer_creates_an_event_with_a_short_name_made_from_its_name(client, officer):
    client.force_login(officer)
    response = client.post(reverse("forum:event_create"), EVENT_POST)
    event = Event.objects.get(name_en="Derna Investment Forum")
    assert response.status_code == 302
    assert response.url == reverse_en("forum:organize_agenda", args=[event.slug])
    assert event.slug == "derna-investment-forum-2027"
    assert (event.city_ar, event.venue_en, event.ends_on) == (
        "درنة",
        "Mountain hotel",
        date(2027, 9, 15),
    )
    assert event.registration_open
    audit = AuditEvent.objects.get(action="forum.event_create", object_id=str(event.pk))
    assert audit.actor_id == officer.pk and audit.changes["city_en"] == [None, "Derna"]


def test_organizer_edits_an_event_and_the_change_is_audited(client, officer, event):
    client.force_login(officer)
    url = reverse("forum:organize_event", args=[event.slug])
    assert "Congress hall" in client.get(url).content.decode()
    post = {
        **EVENT_POST,
        "starts_on": "2027-05-11",
        "ends_on": "2027-05-13",
        "row_version": event.row_version,
    }
    post.pop("registration_open")
    assert client.post(url, post).status_code == 302
    event.refresh_from_db()
    assert (event.name_en, event.ends_on, event.registration_open) == (
        "Derna Investment Forum", date(2027, 5, 13), False,
    )  # fmt: skip
    assert event.slug == "lyam-2027"  # links already sent keep working
    audit = AuditEvent.objects.get(action="forum.event_update")
    assert audit.changes["ends_on"] == ["2027-05-12", "2027-05-13"]
    assert audit.changes["registration_open"] == [True, False]


def test_event_ending_before_it_starts_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(reverse("forum:event_create"), {**EVENT_POST, "ends_on": "2027-09-13"})
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.content.decode()
    assert not Event.objects.filter(name_en="Derna Investment Forum").exists()


def test_event_ending_before_it_starts_is_refused_in_arabic(client, officer):
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    response = client.post(reverse("forum:event_create"), {**EVENT_POST, "ends_on": "2027-09-13"})
    assert "لا يمكن أن يسبق اليوم الأخير اليوم الأول." in response.content.decode()
    assert not Event.objects.filter(name_en="Derna Investment Forum").exists()


def test_event_without_english_name_or_city_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("forum:event_create"), {**EVENT_POST, "name_en": "", "city_ar": ""}
    )
    form = response.context["form"]
    assert set(form.errors) == {"name_en", "city_ar"}
    assert not Event.objects.filter(city_en="Derna").exists()


def test_short_name_already_taken_or_reserved_is_refused(client, officer, event):
    client.force_login(officer)
    taken = client.post(reverse("forum:event_create"), {**EVENT_POST, "slug": "lyam-2027"})
    assert "Another event already uses this short name." in taken.content.decode()
    reserved = client.post(reverse("forum:event_create"), {**EVENT_POST, "slug": "organize"})
    assert "Choose another short name." in reserved.content.decode()
    assert Event.objects.count() == 1


def test_event_dates_cannot_shrink_past_its_sessions(client, officer, event):
    # The fixture's meeting slots are on 11 May; moving the event to 12 May would orphan them.
    client.force_login(officer)
    post = {
        **EVENT_POST,
        "starts_on": "2027-05-12",
        "ends_on": "2027-05-12",
        "row_version": event.row_version,
    }
    response = client.post(reverse("forum:organize_event", args=[event.slug]), post)
    assert "fall outside these dates" in response.content.decode()
    event.refresh_from_db()
    assert event.starts_on == date(2027, 5, 11)


def test_organizer_adds_a_session_and_it_appears_on_the_public_page_in_time_order(
    client, officer, event, hall
):
    client.force_login(officer)
    url = reverse("forum:organize_agenda", args=[event.slug])
    client.post(url, _session_post(hall, title_en="Closing panel", day="2027-05-12"))
    response = client.post(url, _session_post(hall))
    assert response.status_code == 302
    opening = Session.objects.get(title_en="Opening session")
    assert (opening.starts_at, opening.ends_at, opening.room) == (_at(11, 9), _at(11, 9, 45), hall)
    assert AuditEvent.objects.filter(action="forum.session_create").count() == 2
    client.logout()
    client.cookies["imar_language"] = "en"
    page = client.get(reverse("forum:event", args=[event.slug])).content.decode()
    assert "Minister of Planning" in page
    assert page.index("Opening session") < page.index("Closing panel")


def test_organizer_edits_and_deletes_a_session(client, officer, event, hall):
    session = programme.session_create(
        by=officer, event=event, title_ar="ندوة", title_en="Panel",
        starts_at=_at(11, 9), ends_at=_at(11, 10), room=hall,
    )  # fmt: skip
    client.force_login(officer)
    agenda = client.get(reverse("forum:organize_agenda", args=[event.slug])).content.decode()
    assert 'data-confirm="Remove “Panel” from the agenda?"' in agenda
    url = reverse("forum:session_edit", args=[event.slug, session.pk])
    assert 'value="09:00"' in client.get(url).content.decode()
    client.post(
        url,
        _session_post(
            hall,
            title_en="Water panel",
            starts_at="11:00",
            ends_at="12:00",
            row_version=session.row_version,
        ),
    )
    session.refresh_from_db()
    assert (session.title_en, session.starts_at) == ("Water panel", _at(11, 11))
    assert AuditEvent.objects.get(action="forum.session_update").changes["title_en"] == [
        "Panel", "Water panel",
    ]  # fmt: skip
    client.post(reverse("forum:session_delete", args=[event.slug, session.pk]))
    assert not Session.objects.filter(pk=session.pk).exists()
    deleted = AuditEvent.objects.get(action="forum.session_delete")
    assert deleted.changes["title_en"] == ["Water panel", None]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_at": "10:00", "ends_at": "09:30"},
            "ends_at",
            "The session must end after it starts.",
        ),
        ({"day": "2027-05-13"}, "starts_at", "The session must fall within the event"),
        ({"starts_at": "09:30", "ends_at": "10:15"}, "room", "This room already holds"),
    ],
)
def test_wrong_sessions_are_refused_with_the_field_named(
    client, officer, event, hall, overrides, field, message
):
    programme.session_create(
        by=officer, event=event, title_ar="افتتاح", title_en="Opening",
        starts_at=_at(11, 9), ends_at=_at(11, 10), room=hall,
    )  # fmt: skip
    client.force_login(officer)
    post = _session_post(hall, title_en="Second talk", **overrides)
    response = client.post(reverse("forum:organize_agenda", args=[event.slug]), post)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0]
    assert not Session.objects.filter(title_en="Second talk").exists()


def test_overlap_in_another_room_or_without_a_room_is_allowed(officer, event, hall):
    annex = Room.objects.create(event=event, name_ar="الملحق", name_en="Annex")
    programme.session_create(
        by=officer, event=event, title_ar="أ", title_en="A", starts_at=_at(11, 9),
        ends_at=_at(11, 10), room=hall,
    )  # fmt: skip
    for room in (annex, None):
        programme.session_create(
            by=officer, event=event, title_ar="ب", title_en="B", starts_at=_at(11, 9, 30),
            ends_at=_at(11, 10, 30), room=room,
        )  # fmt: skip
    assert Session.objects.filter(event=event).count() == 3


def test_overlap_is_refused_in_arabic(client, officer, event, hall):
    programme.session_create(
        by=officer, event=event, title_ar="افتتاح", title_en="Opening",
        starts_at=_at(11, 9), ends_at=_at(11, 10), room=hall,
    )  # fmt: skip
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    response = client.post(reverse("forum:organize_agenda", args=[event.slug]), _session_post(hall))
    assert "هذه القاعة محجوزة لجلسة «افتتاح» من 09:00 إلى 10:00." in response.content.decode()


EVENT_PAGES = ["forum:organize_event", "forum:organize_agenda"]


def test_delegate_and_outsider_are_refused(client, event, hall, officer, make_delegate, outsider):
    session = programme.session_create(
        by=officer, event=event, title_ar="ندوة", title_en="Panel",
        starts_at=_at(11, 9), ends_at=_at(11, 10), room=hall,
    )  # fmt: skip
    for user in (make_delegate().user, outsider):
        client.force_login(user)
        assert client.get(reverse("forum:organize_events")).status_code == 403
        assert client.post(reverse("forum:event_create"), EVENT_POST).status_code == 403
        for name in EVENT_PAGES:
            assert client.get(reverse(name, args=[event.slug])).status_code == 403
        post = _session_post(hall, title_en="Intruder")
        assert (
            client.post(reverse("forum:organize_agenda", args=[event.slug]), post).status_code
            == 403
        )
        delete = reverse("forum:session_delete", args=[event.slug, session.pk])
        assert client.post(delete).status_code == 403
    assert Event.objects.count() == 1 and Session.objects.filter(event=event).count() == 1
    assert not AuditEvent.objects.filter(action__startswith="forum.event_").exists()


def test_anonymous_visitors_are_sent_to_login(client, event):
    for url in (
        reverse("forum:organize_events"),
        reverse("forum:organize_agenda", args=[event.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_event_list_links_each_event_to_its_pages(client, admin_user, event):
    client.force_login(admin_user)
    page = client.get(reverse("forum:organize_events")).content.decode()
    assert "Second Libyan–American Forum" in page
    for name in ("forum:organize", "forum:organize_event", "forum:organize_agenda"):
        assert reverse(name, args=[event.slug]) in page
    dashboard = client.get(reverse("forum:organize", args=[event.slug])).content.decode()
    assert reverse("forum:organize_agenda", args=[event.slug]) in dashboard
    assert reverse("forum:organize_events") in dashboard


def test_organizer_with_no_event_is_offered_to_create_one(client, officer, db):
    client.force_login(officer)
    page = client.get(reverse("forum:index")).content.decode()
    assert reverse("forum:event_create") in page


def test_hall_without_tables_can_be_added_for_talks(client, officer, event):
    client.force_login(officer)
    post = {"tables": "1", "tables-room_ar": "قاعة المؤتمرات", "tables-room_en": "Plenary hall"}
    response = client.post(
        reverse("forum:organize_setup", args=[event.slug]), {**post, "tables-count": "0"}
    )
    assert response.status_code == 302
    plenary = Room.objects.get(event=event, name_en="Plenary hall")
    assert not plenary.tables.exists()
    agenda = client.get(reverse("forum:organize_agenda", args=[event.slug])).content.decode()
    assert f'<option value="{plenary.pk}">Plenary hall</option>' in agenda
    assert 'data-confirm="' not in agenda  # no sessions yet, nothing to remove
