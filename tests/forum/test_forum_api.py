import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from imar.forum.enums import MeetingStatus, RequestStatus
from imar.forum.models import Lead, MeetingRequest, Showcase
from tests.forum._helpers import meeting_between


@pytest.fixture
def api():
    return APIClient()


def test_events_sessions_and_showcase_are_public(api, event, make_project):
    Showcase.objects.create(event=event, project=make_project(title_en="Derna desalination"))
    Showcase.objects.create(event=event, project=make_project(is_public=False, title_en="Secret"))
    events = api.get("/api/v1/forum/events/").json()
    assert events["results"][0]["slug"] == event.slug
    showcase = api.get("/api/v1/forum/showcase/", {"event": event.pk}).json()
    assert [i["title_en"] for i in showcase["results"]] == ["Derna desalination"]
    assert api.get("/api/v1/forum/sessions/").status_code == 200


def test_participants_are_private(
    api, event, make_delegate, officer, django_assert_max_num_queries
):
    jane, salem = make_delegate("Jane"), make_delegate("Salem")
    for _ in range(5):
        make_delegate()
    assert api.get("/api/v1/forum/participants/").status_code in (401, 403)
    api.force_authenticate(jane.user)
    mine = api.get("/api/v1/forum/participants/").json()["results"]
    assert [p["delegate_name"] for p in mine] == ["Jane"]
    assert api.get(f"/api/v1/forum/participants/{salem.pk}/").status_code == 404
    api.force_authenticate(officer)
    with django_assert_max_num_queries(8):
        everyone = api.get("/api/v1/forum/participants/", {"event": event.pk}).json()
    assert everyone["count"] == 7 and "phone" in everyone["results"][0]


def test_delegate_sends_and_the_other_accepts_through_the_api(api, event, make_delegate):
    jane, salem = make_delegate("Jane"), make_delegate("Salem", kind="libyan_institution")
    api.force_authenticate(jane.user)
    created = api.post(
        "/api/v1/forum/requests/",
        {"to_participant": salem.pk, "priority": "must_meet", "message": "Hi"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["weight"] == 3
    # The sender cannot accept their own request.
    assert api.post(f"/api/v1/forum/requests/{pk}/accept/").status_code == 403
    api.force_authenticate(salem.user)
    accepted = api.post(f"/api/v1/forum/requests/{pk}/accept/")
    assert accepted.json()["status"] == RequestStatus.ACCEPTED
    again = api.post(f"/api/v1/forum/requests/{pk}/accept/")
    assert again.status_code == 400 and "status" in again.json()


def test_bad_request_input_names_the_field(api, event, make_delegate):
    jane, salem = make_delegate(), make_delegate()
    api.force_authenticate(jane.user)
    bad = api.post(
        "/api/v1/forum/requests/", {"to_participant": salem.pk, "priority": "asap"}, format="json"
    )
    assert bad.status_code == 400 and "priority" in bad.json()
    self_request = api.post("/api/v1/forum/requests/", {"to_participant": jane.pk}, format="json")
    assert self_request.status_code == 400 and "to_participant" in self_request.json()


def test_requests_and_meetings_of_others_are_hidden(api, event, make_delegate, officer):
    a, b, c = make_delegate(), make_delegate(), make_delegate()
    meeting_between(officer, a, b)
    api.force_authenticate(c.user)
    assert api.get("/api/v1/forum/requests/").json()["count"] == 0
    assert api.get("/api/v1/forum/meetings/").json()["count"] == 0
    api.force_authenticate(a.user)
    assert api.get("/api/v1/forum/meetings/").json()["count"] == 1


def test_organizer_schedules_and_marks_attendance(api, event, make_delegate, officer):
    a, b = make_delegate(), make_delegate()
    request = MeetingRequest.objects.create(
        event=event, from_participant=a, to_participant=b, status=RequestStatus.ACCEPTED
    )
    api.force_authenticate(a.user)
    assert api.post(f"/api/v1/forum/events/{event.slug}/schedule/").status_code == 403
    api.force_authenticate(officer)
    run = api.post(f"/api/v1/forum/events/{event.slug}/schedule/").json()
    assert run["meetings"] == 1 and run["gap"] == 0 and run["upper_bound"] == 1
    meeting = request.meeting
    marked = api.post(f"/api/v1/forum/meetings/{meeting.pk}/mark/", {"status": "held"})
    assert marked.json()["status"] == MeetingStatus.HELD
    api.force_authenticate(b.user)
    lead = api.post("/api/v1/forum/leads/", {"meeting": meeting.pk, "interest": "high"})
    assert lead.status_code == 201
    assert Lead.objects.get().recorded_by == b


def test_forum_endpoints_are_in_the_openapi_schema(api, db):
    schema = api.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/forum/events/", "/api/v1/forum/requests/{id}/accept/",
        "/api/v1/forum/meetings/{id}/mark/", "/api/v1/forum/leads/",
    ):  # fmt: skip
        assert path in paths


def test_meeting_and_request_lists_do_not_grow_queries_with_rows(
    api, event, make_delegate, officer, django_assert_max_num_queries
):
    people = [make_delegate() for _ in range(6)]
    for k in range(3):
        meeting_between(officer, people[2 * k], people[2 * k + 1], slot_index=k, table_number=1)
    api.force_authenticate(officer)
    with django_assert_max_num_queries(8):
        meetings = api.get("/api/v1/forum/meetings/").json()
    assert meetings["count"] == 3 and meetings["results"][0]["table"] == 1
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/forum/requests/").json()["count"] == 3
