"""Job lifecycle on the configured queue backend: the database one by default, RQ on Redis
when the suite runs with IMAR_JOBS_BACKEND=redis (a step of .ci/run).

Every test queues through the real backend and runs the real worker loop (`imar worker
--batch`'s code): queued → running → succeeded or failed, retries up to the limit,
idempotent enqueueing, queueing only on commit, and stale workers detected.
"""

import datetime as dt
import os

import pytest
from django.db import transaction
from django.utils import timezone

from imar.jobs import periodic, services, worker
from imar.jobs.enums import JobState
from imar.jobs.models import Job, Schedule
from imar.jobs.registry import WORKER_LOST, JobFailed, job_kind, reason

pytestmark = pytest.mark.django_db(transaction=True)
CALLS: list = []


@job_kind("tests.add", label="add two numbers")
def add_job(progress, *, a: int, b: int) -> dict:
    CALLS.append(("add", a, b))
    for step in range(1, 4):
        progress(step, 3, f"step {step}")
    return {"sum": a + b}


@job_kind("tests.flaky", label="fails until the given attempt", max_attempts=3)
def flaky_job(progress, *, succeed_on: int) -> str:
    CALLS.append(("flaky", succeed_on))
    if len([c for c in CALLS if c[0] == "flaky"]) < succeed_on:
        raise RuntimeError("not yet")
    return "ok"


reason("tests.refused", "Refused because of %(why)s.")


@job_kind("tests.refuse", label="refuses")
def refuse_job(progress, *, why: str) -> None:
    CALLS.append(("refuse", why))
    raise JobFailed("tests.refused", {"why": why})


@pytest.fixture(autouse=True)
def _clean_queue():
    CALLS.clear()
    _flush()
    yield
    _flush()


def _flush():
    """Only our own keys: the RQ keys of the test Redis database (never FLUSHALL)."""
    if worker.backend_kind() != "rq":
        return
    import django_rq

    connection = django_rq.get_connection("default")
    for key in connection.scan_iter("rq:*"):
        connection.delete(key)


def _queued_in_backend() -> int:
    if worker.backend_kind() == "rq":
        import django_rq

        return django_rq.get_queue("default").count
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().count()


def _work():
    """Run what is waiting, as `imar worker --batch` does, in this process."""
    if worker.backend_kind() == "rq":
        import django_rq
        from django_tasks_rq import Job as RQJob
        from rq import SimpleWorker

        django_rq.get_worker("default", job_class=RQJob, worker_class=SimpleWorker).work(burst=True)
    else:
        worker.run_database_worker(batch=True, interval=0)


def test_backend_is_the_one_configured():
    expected = {"redis": "rq", "database": "database"}.get(
        os.environ.get("IMAR_JOBS_BACKEND", "database")
    )
    assert worker.backend_kind() == expected


def test_queued_then_running_then_succeeded_with_progress_and_result(officer):
    job = services.enqueue("tests.add", arguments={"a": 2, "b": 3}, by=officer)
    assert job.state == JobState.QUEUED and job.attempts == 0
    assert _queued_in_backend() == 1
    _work()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"sum": 5}
    assert (job.progress_done, job.progress_total, job.percent) == (3, 3, 100)
    assert job.attempts == 1 and job.started_by == officer
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert job.task_id
    assert CALLS == [("add", 2, 3)]


def test_queued_only_when_the_transaction_commits():
    with transaction.atomic():
        job = services.enqueue("tests.add", arguments={"a": 1, "b": 1})
        assert _queued_in_backend() == 0  # not before the commit
    assert _queued_in_backend() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enqueue("tests.add", arguments={"a": 9, "b": 9})
        raise RuntimeError("the write fails")
    assert _queued_in_backend() == 1  # the rolled-back one never reached the queue
    assert not Job.objects.filter(arguments={"a": 9, "b": 9}).exists()
    _work()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED


def test_same_kind_and_arguments_while_live_give_the_same_job():
    first = services.enqueue("tests.add", arguments={"a": 1, "b": 2})
    again = services.enqueue("tests.add", arguments={"b": 2, "a": 1})
    other = services.enqueue("tests.add", arguments={"a": 1, "b": 3})
    assert again.pk == first.pk and other.pk != first.pk
    assert _queued_in_backend() == 2
    _work()
    assert CALLS.count(("add", 1, 2)) == 1
    later = services.enqueue("tests.add", arguments={"a": 1, "b": 2})  # the first has ended
    assert later.pk != first.pk


def test_an_error_is_retried_until_it_succeeds():
    job = services.enqueue("tests.flaky", arguments={"succeed_on": 2})
    _work()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2 and job.result == "ok"


def test_retries_stop_at_the_limit_with_a_translated_reason():
    job = services.enqueue("tests.flaky", arguments={"succeed_on": 99})
    _work()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.attempts == job.max_attempts == 3
    assert len(CALLS) == 3
    assert job.error_code == "internal_error" and job.error_params == {"attempts": 3}
    assert "after \u20683\u2069 attempts" in job.failure


def test_a_reasoned_failure_is_not_retried():
    job = services.enqueue("tests.refuse", arguments={"why": "the budget"})
    _work()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == 1 and len(CALLS) == 1
    assert job.failure == "Refused because of \u2068the budget\u2069."


def test_a_job_whose_worker_went_silent_is_failed_and_cannot_be_overwritten():
    job = services.enqueue("tests.add", arguments={"a": 5, "b": 5})
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker="elsewhere:1:1", heartbeat_at=long_ago, attempts=1
    )
    fresh = services.enqueue("tests.add", arguments={"a": 6, "b": 6})
    Job.objects.filter(pk=fresh.pk).update(
        state=JobState.RUNNING, worker="elsewhere:1:2", heartbeat_at=timezone.now()
    )
    assert services.fail_stale() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error_code == WORKER_LOST
    assert "stopped giving signs of life" in job.failure
    # The lost worker comes back and reports: nothing changes.
    assert not services._end(job.pk, "elsewhere:1:1", JobState.SUCCEEDED, result=1)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    fresh.refresh_from_db()
    assert fresh.state == JobState.RUNNING


def test_a_job_whose_worker_process_ended_is_failed_at_once():
    import socket
    import subprocess

    gone = subprocess.Popen(["true"])  # a process that has ended
    gone.wait()
    job = services.enqueue("tests.add", arguments={"a": 7, "b": 7})
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING,
        worker=f"{socket.gethostname()}:{gone.pid}:1",
        heartbeat_at=timezone.now(),
    )
    assert services.fail_stale() == [job.pk]


def test_the_worker_schedules_periodic_jobs_itself(settings):
    settings.IMAR_JOBS_PERIODIC = {"tests.add": "5m"}
    now = timezone.now()
    assert periodic.tick(now) == []  # first sight: scheduled, not due
    schedule = Schedule.objects.get(kind="tests.add")
    assert schedule.next_run_at == now + dt.timedelta(minutes=5)
    later = now + dt.timedelta(minutes=6)
    queued = periodic.tick(later)
    assert len(queued) == 1 and periodic.tick(later) == []  # once per due time
    schedule.refresh_from_db()
    assert schedule.last_run_at == later and schedule.last_job_id == queued[0].pk
    assert schedule.next_run_at == later + dt.timedelta(minutes=5)


def test_daily_schedules_land_on_the_local_time():
    after = timezone.make_aware(dt.datetime(2026, 3, 1, 2, 30))
    assert timezone.localtime(periodic.next_run("02:00", after)).strftime("%d %H:%M") == "02 02:00"
    assert timezone.localtime(periodic.next_run("03:00", after)).strftime("%d %H:%M") == "01 03:00"
    with pytest.raises(ValueError):
        periodic.parse_when("25:00")


def test_healthz_reports_database_cache_and_queue(client, settings):
    body = client.get("/healthz").json()
    checks = dict.fromkeys(["database", "cache", "queue", "migrations", "disk"], "ok")
    assert body == {"status": "ok", "checks": checks}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["cache"].startswith("error")


SEEN_INSIDE: list = []


@job_kind("tests.in_transaction", label="reports progress inside its own transaction")
def in_transaction_job(progress, *, steps: int) -> int:
    from imar.jobs import selectors

    with transaction.atomic():
        for step in range(1, steps + 1):
            progress(step, steps, f"row {step}")
            job = Job.objects.get(kind="tests.in_transaction")
            # the row is left alone inside the transaction (no lock against the heartbeat)...
            SEEN_INSIDE.append((job.progress_done, selectors.fresh_job(job.pk).progress_done))
    return steps


def test_progress_reported_inside_the_jobs_own_transaction_is_seen_while_it_runs():
    SEEN_INSIDE.clear()
    with transaction.atomic():
        job = services.enqueue("tests.in_transaction", arguments={"steps": 2})
    _work()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.result == 2
    # ...while the pages (fresh_job, the progress bar and the API read it) see each step
    assert [row for row, _ in SEEN_INSIDE] == [0, 0]
    assert [live for _, live in SEEN_INSIDE] == [1, 2]
    assert job.progress_done == 2
