from django.urls import reverse

from imar.forum.enums import MeetingStatus, ParticipantStatus
from imar.forum.models import Meeting, Participant
from tests.forum._helpers import meeting_between
from tests.urls_in import reverse_en


def test_checkin_desk_finds_by_code_and_by_name(client, event, make_participant, officer):
    jane = make_participant("Jane Doe")
    make_participant("محمد المصراتي")
    client.force_login(officer)
    url = reverse("forum:organize_checkin", args=[event.slug])
    by_code = client.get(url, {"q": jane.checkin_code.lower()}).content.decode()
    assert "Jane Doe" in by_code and "محمد" not in by_code
    # Arabic-tolerant search: hamza and ta marbuta variants.
    by_name = client.get(url, {"q": "المصراتى"}).content.decode()
    assert "محمد المصراتي" in by_name


def test_check_in_stamps_the_time_once(client, event, make_participant, officer):
    jane = make_participant("Jane Doe")
    client.force_login(officer)
    client.post(reverse("forum:check_in", args=[event.slug, jane.pk]))
    jane.refresh_from_db()
    first = jane.checked_in_at
    assert first is not None
    client.post(reverse("forum:check_in", args=[event.slug, jane.pk]))
    jane.refresh_from_db()
    assert jane.checked_in_at == first


def test_pending_participant_cannot_be_checked_in(client, event, make_participant, officer):
    pending = make_participant(status=ParticipantStatus.PENDING)
    client.force_login(officer)
    client.post(reverse("forum:check_in", args=[event.slug, pending.pk]))
    assert Participant.objects.get(pk=pending.pk).checked_in_at is None


def test_attendance_marks_and_the_live_board(client, event, make_participant, officer):
    a, b = make_participant("Alpha"), make_participant("Beta")
    meeting = meeting_between(officer, a, b)
    client.force_login(officer)
    url = reverse("forum:meeting_mark", args=[event.slug, meeting.pk])
    client.post(url, {"status": "no_show"})
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.NO_SHOW
    client.post(url, {"status": "held"})
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    client.post(url, {"status": "bogus"})
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    board = client.get(
        reverse("forum:organize_live", args=[event.slug]), {"slot": meeting.slot_id},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    html = board.content.decode()
    assert "Alpha" in html and "<html" not in html  # HTMX gets the rows only


def test_return_address_after_check_in_stays_on_this_site(client, event, make_participant, officer):
    jane = make_participant("Jane Doe")
    client.force_login(officer)
    url = reverse("forum:check_in", args=[event.slug, jane.pk])
    response = client.post(url, {"back": "https://evil.example/phish"})
    assert response.url == reverse_en("forum:organize_checkin", args=[event.slug])
    response = client.post(url, {"back": "/forum/lyam-2027/organize/checkin/?q=jane"})
    assert response.url.endswith("?q=jane")
