"""Pruning: finished jobs older than IMAR_JOBS_KEEP_DAYS go (with the database backend's
result rows and forgotten upload files); live jobs, recent ones and their files stay; the
periodic job is on the operator page."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from imar.jobs import services, uploads
from imar.jobs.enums import JobState
from imar.jobs.models import Job

pytestmark = pytest.mark.django_db


def _job(kind, state, *, age_days, **fields):
    job = Job.objects.create(
        kind=kind, key=f"{kind}-{state}-{age_days}", state=state, arguments=fields
    )
    when = timezone.now() - dt.timedelta(days=age_days)
    finished = when if state in (JobState.SUCCEEDED, JobState.FAILED) else None
    Job.objects.filter(pk=job.pk).update(created_at=when, finished_at=finished)
    return job


def _task_result(age_days, status):
    from django_tasks_db.models import DBTaskResult

    when = timezone.now() - dt.timedelta(days=age_days)
    row = DBTaskResult.objects.create(
        status=status,
        task_path="imar.jobs.tasks.run_job",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=when,
        enqueued_at=when,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        finished_at=when if status in ("SUCCESSFUL", "FAILED") else None
    )
    return row


def test_prune_keeps_live_and_recent_jobs_and_removes_the_old_finished_ones(settings):
    settings.IMAR_JOBS_KEEP_DAYS = 30
    old_done = _job("tests.x", JobState.SUCCEEDED, age_days=40)
    old_failed = _job("tests.x", JobState.FAILED, age_days=31)
    recent = _job("tests.x", JobState.SUCCEEDED, age_days=3)
    stuck_queued = _job("tests.x", JobState.QUEUED, age_days=90)
    old_result, new_result = _task_result(45, "SUCCESSFUL"), _task_result(1, "SUCCESSFUL")
    waiting = _task_result(45, "READY")
    counts = services.prune()
    assert counts["jobs"] == 2 and counts["task_results"] == 1
    left = set(Job.objects.values_list("pk", flat=True))
    assert left == {recent.pk, stuck_queued.pk}
    assert old_done.pk not in left and old_failed.pk not in left
    from django_tasks_db.models import DBTaskResult

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {new_result.pk, waiting.pk}
    assert old_result.pk not in set(DBTaskResult.objects.values_list("pk", flat=True))


def test_prune_removes_old_upload_files_but_not_one_a_live_job_reads(settings):
    settings.IMAR_JOBS_KEEP_DAYS = 1
    read_later, _ = uploads.store(b"<iati-activities/>", prefix="iati")
    forgotten, _ = uploads.store(b"code,title\n", prefix="projects")
    fresh, _ = uploads.store(b"fresh", prefix="projects")
    long_ago = (timezone.now() - dt.timedelta(days=5)).timestamp()
    for name in (read_later, forgotten):
        os.utime(uploads.path_of(name), (long_ago, long_ago))
    _job("aid.iati_import", JobState.QUEUED, age_days=5, upload=read_later)
    assert services.prune()["files"] == 1
    assert uploads.path_of(read_later).exists() and uploads.path_of(fresh).exists()
    assert not uploads.path_of(forgotten).exists()


def test_the_prune_job_ends_succeeded_with_its_counts(settings, django_capture_on_commit_callbacks):
    settings.IMAR_JOBS_KEEP_DAYS = 10
    _job("tests.x", JobState.SUCCEEDED, age_days=11)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue("jobs.prune", immediate=True)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"jobs": 1, "task_results": 0, "files": 0}
    assert (job.progress_done, job.progress_total) == (3, 3)


def test_stored_upload_names_cannot_leave_the_folder():
    for name in ("../settings.py", "a/b.xml", ".incoming-1", ""):
        with pytest.raises(ValueError):
            uploads.path_of(name)
    same, digest = uploads.store(b"same bytes", prefix="iati")
    again, digest_again = uploads.store(b"same bytes", prefix="iati")
    assert (same, digest) == (again, digest_again)
    assert len(list(uploads.path_of(same).parent.iterdir())) == 1


def test_the_operator_page_lists_the_prune_schedule(client, auditor):
    client.force_login(auditor)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("jobs:operations")).content.decode()
    assert "Prune old finished jobs" in html
