"""The forum's background jobs: a scheduling run from the organizer's page (its bar, its
figures, a translated reason when refused), a sign-in link e-mail retried while the mail
server refuses, and the agenda PDF drawn once and served while the agenda is unchanged."""

from pathlib import Path
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from imar.forum import tasks
from imar.forum.models import LoginLink, ScheduleRun, Session, Slot
from imar.jobs import worker
from imar.jobs.enums import JobState
from imar.jobs.models import Job
from tests.forum import test_schedule_service
from tests.forum._helpers import meeting_between

pytestmark = pytest.mark.django_db
small_event = test_schedule_service.small_event  # five participants, seven accepted requests


@pytest.fixture
def immediate(settings):
    settings.IMAR_JOBS_IMMEDIATE = True


@pytest.mark.django_db(transaction=True)
def test_a_scheduling_run_is_queued_run_by_the_worker_and_shown(
    client,
    event,
    small_event,
    officer,
):
    client.force_login(officer)
    url = reverse("forum:organize_schedule", args=[event.slug])
    response = client.post(url)
    job = Job.objects.get(kind=tasks.SCHEDULE_RUN)
    assert response.url.endswith(f"?job={job.pk}") and not ScheduleRun.objects.exists()
    assert 'id="schedule-job"' in client.get(response.url).content.decode()
    again = client.post(url)  # pressed twice while queued: the same job
    assert again.url == response.url and Job.objects.count() == 1
    worker.run_database_worker(batch=True, interval=0)
    job.refresh_from_db()
    run = ScheduleRun.objects.get()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"run_id": run.pk, "meetings": 7, "moved": 0}
    assert (job.progress_done, job.progress_total) == (2, 2)
    assert "data-job-outcome" in client.get(response.url).content.decode()


def test_a_refused_run_fails_with_the_reason_in_the_organizers_language(
    client,
    event,
    small_event,
    officer,
    immediate,
    django_capture_on_commit_callbacks,
):
    event.tables.all().delete()
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    url = reverse("forum:organize_schedule", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert job.state == JobState.FAILED and job.error_code == tasks.SCHEDULE_REFUSED
    html = client.get(response.url).content.decode()
    assert "لم يتغير الجدول" in html and job.error_params["problem"] in html
    client.cookies["imar_language"] = "en"
    html = client.get(response.url).content.decode()
    assert "The schedule was not changed: " in html
    assert not ScheduleRun.objects.exists()


def test_a_rebooking_run_is_a_job_too(
    client,
    event,
    small_event,
    officer,
    immediate,
    django_capture_on_commit_callbacks,
):
    client.force_login(officer)
    url = reverse("forum:organize_schedule", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    slot = Slot.objects.filter(event=event).last()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "rebook", "from_slot": slot.pk})
    job = Job.objects.filter(kind=tasks.SCHEDULE_RUN).first()
    assert job.arguments["rebook_from"] == slot.pk and job.state == JobState.SUCCEEDED
    assert ScheduleRun.objects.first().kind == "rebook"


def test_the_login_link_mail_is_retried_then_sent(
    event, officer, make_delegate, immediate, django_capture_on_commit_callbacks
):
    delegate = make_delegate()
    mail.outbox.clear()
    real_send = mail.send_mail
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise SMTPServerDisconnected("the mail server hung up")
        return real_send(*args, **kwargs)

    before = LoginLink.objects.filter(participant=delegate).count()
    patched = mock.patch("imar.forum.services.login_links.send_mail", flaky)
    with patched, django_capture_on_commit_callbacks(execute=True):
        job = tasks.enqueue_login_link_mail(delegate, by=officer)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 3 and len(calls) == 3
    assert len(mail.outbox) == 1 and delegate.email in mail.outbox[0].to
    # the refused attempts minted nothing: one new live link, the approval's one revoked
    assert LoginLink.objects.filter(participant=delegate).count() == before + 1
    live = LoginLink.objects.filter(participant=delegate, revoked_at__isnull=True)
    assert live.count() == 1 and live.get().pk == max(
        LoginLink.objects.filter(participant=delegate).values_list("pk", flat=True)
    )


def test_the_login_link_mail_gives_up_after_its_limit(
    event, officer, make_delegate, immediate, django_capture_on_commit_callbacks
):
    delegate = make_delegate()
    mail.outbox.clear()
    down = mock.Mock(side_effect=SMTPServerDisconnected("down"))
    patched = mock.patch("imar.forum.services.login_links.send_mail", down)
    with patched, django_capture_on_commit_callbacks(execute=True):
        job = tasks.enqueue_login_link_mail(delegate, by=officer)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_code == "internal_error"
    assert job.attempts == job.max_attempts == 5 and down.call_count == 5
    assert "after" in job.failure and not mail.outbox


def test_a_link_for_a_delegate_not_approved_fails_with_a_reason(
    event, officer, make_participant, immediate, django_capture_on_commit_callbacks
):
    pending = make_participant("Pending")
    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.enqueue_login_link_mail(pending, by=officer)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_code == tasks.LINK_REFUSED
    assert job.failure.startswith("No sign-in link was sent: ")


@pytest.fixture
def agenda_owner(event, make_delegate, officer):
    me = make_delegate("Jane Doe")
    other = make_delegate("Other")
    meeting_between(officer, me, other, slot_index=1, table_number=2)
    return me


def test_the_agenda_pdf_is_drawn_once_and_served_while_unchanged(
    client, event, agenda_owner, immediate, django_capture_on_commit_callbacks, settings
):
    client.force_login(agenda_owner.user)
    url = reverse("forum:agenda_pdf", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(url)
    assert waiting.status_code == 202 and 'id="agenda-job"' in waiting.content.decode()
    job = Job.objects.get(kind=tasks.AGENDA_PDF)
    assert job.state == JobState.SUCCEEDED and job.started_by == agenda_owner.user
    first = client.get(url)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    with mock.patch("imar.forum.agenda.agenda_pdf") as draw:
        second = client.get(url)
    assert second.content == first.content and not draw.called  # the file, not redrawn
    assert Job.objects.filter(kind=tasks.AGENDA_PDF).count() == 1
    slot = Slot.objects.filter(event=event).first()
    Session.objects.create(
        event=event, title_ar="جلسة", title_en="A new session",
        starts_at=slot.starts_at, ends_at=slot.ends_at,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202  # changed: drawn again
    assert Job.objects.filter(kind=tasks.AGENDA_PDF).count() == 2
    third = client.get(url)
    assert third.status_code == 200 and third.content != first.content
    files = list(Path(settings.IMAR_FORUM_AGENDA_DIR).iterdir())
    assert len(files) == 1  # the older file of that language is gone


def test_the_agenda_pdf_is_drawn_per_language(
    client, event, agenda_owner, immediate, django_capture_on_commit_callbacks
):
    client.force_login(agenda_owner.user)
    url = reverse("forum:agenda_pdf", args=[event.slug])
    for language in ("en", "ar"):
        client.cookies["imar_language"] = language
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(url).status_code == 202
        assert client.get(url).status_code == 200
    assert sorted(j.arguments["language"] for j in Job.objects.all()) == ["ar", "en"]
