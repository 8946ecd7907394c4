"""Starting, running, reporting and ending background jobs, whatever the queue backend.

- `enqueue()` records a job and hands its id to the queue once the caller's transaction
  commits (nothing reaches the queue for a rolled-back write). The same kind and arguments
  while a job is queued or running give that job back (idempotent).
- `run()` is what a worker executes: it claims the job, beats while it works, lets the job
  report progress, stores the result or the reason it failed, and puts it back on the
  queue after an unexpected error until `max_attempts` is reached.
- `fail_stale()` marks failed a running job whose worker is gone: its process ended (same
  host, told at once) or it gave no heartbeat for `IMAR_JOBS_STALE_AFTER` seconds.
"""

import datetime as dt
import hashlib
import json
import logging
import os
import socket
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from imar.jobs import registry
from imar.jobs.enums import LIVE_STATES, JobState
from imar.jobs.models import Job

log = logging.getLogger(__name__)
IMMEDIATE_BACKEND = "immediate"


def as_json(value):
    """The value as JSON gives it back (dates become ISO text, tuples lists)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def job_key(kind: str, arguments: dict) -> str:
    raw = json.dumps([kind, arguments], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _backend_alias(immediate: bool | None) -> str | None:
    if immediate or (immediate is None and settings.IMAR_JOBS_IMMEDIATE):
        return IMMEDIATE_BACKEND
    return None  # the configured default


def enqueue(kind: str, *, arguments: dict | None = None, by=None, immediate=None) -> Job:
    """Record a job of `kind` and queue it when the current transaction commits.

    Returns the live job of the same kind and arguments if there is one. `immediate=True`
    runs it in this process at commit (tests, scripts); None follows IMAR_JOBS_IMMEDIATE.
    """
    spec = registry.get(kind)
    if spec is None:
        raise LookupError(f"unknown job kind {kind!r}")
    arguments = as_json(arguments or {})
    key = job_key(kind, arguments)
    with transaction.atomic():
        existing = Job.objects.filter(key=key, state__in=LIVE_STATES).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind,
                    arguments=arguments,
                    key=key,
                    started_by=by if by is not None and by.is_authenticated else None,
                    max_attempts=spec.max_attempts,
                )
        except IntegrityError:  # another request queued the same job a moment ago
            return Job.objects.get(key=key, state__in=LIVE_STATES)
        transaction.on_commit(partial(send, job.pk, backend=_backend_alias(immediate)))
    return job


def send(job_id, *, backend: str | None = None) -> None:
    """Hand the job's id to the queue backend (`backend`: a TASKS alias, default's if None)."""
    from imar.jobs.tasks import run_job  # the task module registers kinds that use this one

    task = run_job if backend is None else run_job.using(backend=backend)
    try:
        result = task.enqueue(str(job_id))
    except Exception as exc:  # the broker is down: say so rather than leave it queued
        log.exception("job %s: could not be queued", job_id)
        _end(job_id, None, JobState.FAILED, code=registry.QUEUE_UNAVAILABLE,
             params={"error": type(exc).__name__}, require_state=JobState.QUEUED)  # fmt: skip
        return
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


# ---- running -----------------------------------------------------------------------------


class Progress:
    """What a running job calls to say how far it is: `progress(done, total, message)`.

    Writes at most every `every` seconds (and always when done reaches total), so a loop can
    call it on every row; each write is also a heartbeat.
    """

    def __init__(self, job_id, identity: str, every: float = 0.5):
        self.job_id, self.identity, self.every = job_id, identity, every
        self._last = 0.0
        self.done, self.total, self.message = 0, None, ""

    def __call__(self, done: int, total: int | None = None, message: str | None = None):
        self.done = done
        if total is not None:
            self.total = total
        if message is not None:
            self.message = str(message)[:200]
        now = time.monotonic()
        if now - self._last < self.every and not (self.total and done >= self.total):
            return
        self._last = now
        if connection.in_atomic_block:
            # Inside the job's own transaction (an import, complete or absent) a row written
            # here would stay unseen until the commit, and would lock the job's row against
            # the heartbeat thread: the progress goes through the cache instead, which the
            # pages read (`live_progress`).
            cache.set(
                _live_key(self.job_id),
                {"done": max(0, int(done)), "total": self.total, "message": self.message},
                timeout=_LIVE_SECONDS,
            )
            return
        Job.objects.filter(pk=self.job_id, state=JobState.RUNNING, worker=self.identity).update(
            progress_done=max(0, int(done)),
            progress_total=self.total,
            progress_message=self.message,
            heartbeat_at=timezone.now(),
        )


_LIVE_SECONDS = 6 * 3600


def _live_key(job_id) -> str:
    return f"imar:job:{job_id}:progress"


def _beat_key(job_id) -> str:
    return f"imar:job:{job_id}:beat"


def live_progress(job: Job) -> Job:
    """The job with the progress its worker reported from inside a transaction, if newer
    than the row's (a running job only)."""
    if job.state == JobState.RUNNING:
        live = cache.get(_live_key(job.pk))
        if live and live["done"] >= job.progress_done:
            job.progress_done, job.progress_total = live["done"], live["total"]
            job.progress_message = live["message"]
    return job


@contextmanager
def heartbeat(job_id, identity: str, every: float | None = None):
    """While the block runs, a thread says every few seconds that the worker is alive."""
    every = settings.IMAR_JOBS_HEARTBEAT if every is None else every
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                # Also in the cache: on SQLite a long import holds the write lock, so the
                # row's beat waits; `fail_stale` reads both.
                cache.set(_beat_key(job_id), time.time(), timeout=_LIVE_SECONDS)
                Job.objects.filter(pk=job_id, state=JobState.RUNNING, worker=identity).update(
                    heartbeat_at=timezone.now()
                )
        except DatabaseError:  # the next beat, or the detection, will tell
            log.warning("job %s: heartbeat failed", job_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    # An in-memory SQLite test database cannot be shared with another thread.
    if not _in_memory_database():
        thread.start()
    try:
        yield
    finally:
        stop.set()
        if thread.is_alive():
            thread.join(timeout=every + 5)


def _in_memory_database() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _end(
    job_id, identity, state, *, result=None, code="", params=None, require_state=None, total=None
):
    filters = Q(pk=job_id, state=require_state or JobState.RUNNING)
    if identity is not None:
        filters &= Q(worker=identity)
    fields = {
        "state": state,
        "finished_at": timezone.now(),
        "error_code": code,
        "error_params": as_json(params or {}),
    }
    if state == JobState.SUCCEEDED:
        fields["result"] = result
        if total is not None:  # the last report may have gone to the cache only
            fields["progress_total"] = fields["progress_done"] = total
        else:
            fields["progress_done"] = Coalesce(F("progress_total"), F("progress_done"))
    return Job.objects.filter(filters).update(**fields)


def run(job_id, *, backend: str | None = None) -> str:
    """Run one attempt of the job (what the worker executes); returns the state it left."""
    identity = worker_identity()
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=identity[:120],
        progress_done=0,
        progress_message="",
    )
    if not claimed:  # already taken, finished or failed: nothing to do
        return "skipped"
    job = Job.objects.get(pk=job_id)
    spec = registry.get(job.kind)
    if spec is None:
        _end(job.pk, job.worker, JobState.FAILED, code=registry.UNKNOWN_KIND,
             params={"kind": job.kind})  # fmt: skip
        return JobState.FAILED
    reporter = Progress(job.pk, job.worker)
    try:
        with heartbeat(job.pk, job.worker):
            result = as_json(spec.func(reporter, **job.arguments))
    except registry.JobFailed as exc:
        _end(job.pk, job.worker, JobState.FAILED, code=exc.code, params=exc.params)
        return JobState.FAILED
    except Exception:
        log.exception("job %s (%s): attempt %s failed", job.pk, job.kind, job.attempts)
        if job.attempts < job.max_attempts:
            again = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, worker=job.worker)
            if again.update(state=JobState.QUEUED, worker="", heartbeat_at=None):
                send(job.pk, backend=backend)
                return JobState.QUEUED
            return "skipped"
        _end(job.pk, job.worker, JobState.FAILED, code=registry.INTERNAL_ERROR,
             params={"attempts": job.attempts})  # fmt: skip
        return JobState.FAILED
    finally:
        cache.delete_many([_live_key(job.pk), _beat_key(job.pk)])
    _end(job.pk, job.worker, JobState.SUCCEEDED, result=result, total=reporter.total)
    return JobState.SUCCEEDED


# ---- detection ---------------------------------------------------------------------------


def _process_gone(identity: str) -> bool:
    """True only when the worker `host:pid:thread` is known to have ended (same host)."""
    try:
        host, pid, thread = identity.rsplit(":", 2)
        pid, thread = int(pid), int(thread)
    except ValueError:
        return False
    if host != socket.gethostname():
        return False
    if pid == os.getpid():
        return thread not in {t.ident for t in threading.enumerate()}
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def stale_after() -> timedelta:
    return timedelta(seconds=settings.IMAR_JOBS_STALE_AFTER)


def fail_stale(queryset=None, now=None) -> list:
    """Mark failed every running job whose worker is gone; their ids."""
    now = now or timezone.now()
    queryset = Job.objects.all() if queryset is None else queryset
    failed = []
    for job in queryset.filter(state=JobState.RUNNING).only(
        "pk", "worker", "heartbeat_at", "started_at"
    ):
        last = job.heartbeat_at or job.started_at
        beat = cache.get(_beat_key(job.pk))
        if beat is not None:
            beat_at = dt.datetime.fromtimestamp(beat, tz=dt.UTC)
            last = beat_at if last is None else max(last, beat_at)
        silent = last is None or now - last > stale_after()
        if not silent and not _process_gone(job.worker):
            continue
        try:
            if _end(job.pk, job.worker, JobState.FAILED, code=registry.WORKER_LOST,
                    params={"last": last.isoformat() if last else None,
                            "worker": job.worker}):  # fmt: skip
                failed.append(job.pk)
        except DatabaseError:  # busy: the next look tries again
            log.warning("job %s: could not mark it lost", job.pk, exc_info=True)
    if failed:
        log.warning("jobs lost with their workers: %s", failed)
    return failed


# ---- pruning -----------------------------------------------------------------------------


def prune(now=None, keep_days: float | None = None) -> dict:
    """Delete finished jobs older than `keep_days` (IMAR_JOBS_KEEP_DAYS), the database
    backend's finished result rows of the same age, and upload files no live job reads."""
    from imar.jobs import uploads

    now = now or timezone.now()
    keep_days = settings.IMAR_JOBS_KEEP_DAYS if keep_days is None else keep_days
    before = now - timedelta(days=keep_days)
    finished = Job.objects.exclude(state__in=LIVE_STATES).filter(
        Q(finished_at__lt=before) | Q(finished_at__isnull=True, created_at__lt=before)
    )
    jobs = finished.delete()[0]
    results = 0
    if "django_tasks_db" in settings.INSTALLED_APPS:
        from django_tasks_db.models import DBTaskResult

        results = (
            DBTaskResult.objects.filter(finished_at__lt=before)
            .exclude(status__in=["READY", "RUNNING"])
            .delete()[0]
        )
    files = uploads.prune(before=before)
    return {"jobs": jobs, "task_results": results, "files": files}
