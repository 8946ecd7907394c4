"""`imar worker`: the configured backend's worker, with the periodic schedule beside it.

Database backend (the embedded default): django-tasks-db's worker loop polls the task
table. RQ backend (production, Redis): an RQ worker on the same queue. Either way a thread
of this process queues the periodic jobs when due (`periodic.tick`) and marks failed the
jobs whose worker died (`services.fail_stale`), every `IMAR_JOBS_TICK` seconds.
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks import task_backends

from imar.jobs import periodic, services

log = logging.getLogger(__name__)


def housekeeping() -> None:
    """One round: due periodic jobs queued, lost jobs failed."""
    close_old_connections()
    try:
        periodic.tick()
        services.fail_stale()
    except DatabaseError:  # busy or away for a moment: the next round tries again
        log.warning("worker housekeeping failed", exc_info=True)


def start_housekeeping(stop: threading.Event, every: float | None = None) -> threading.Thread:
    every = settings.IMAR_JOBS_TICK if every is None else every

    def loop():
        try:
            while True:
                housekeeping()
                if stop.wait(every):
                    return
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name="imar-jobs-housekeeping", daemon=True)
    thread.start()
    return thread


def backend_kind(alias: str = "default") -> str:
    path = type(task_backends[alias]).__module__
    if path.startswith("django_tasks_db"):
        return "database"
    if path.startswith("django_tasks_rq"):
        return "rq"
    return "other"


def run_database_worker(*, batch: bool, interval: float, alias: str = "default") -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name=alias,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    if not batch:
        worker.configure_signals()
    worker.run()


def run_rq_worker(*, batch: bool, alias: str = "default") -> None:
    import django_rq
    from django_tasks_rq import Job

    queues = sorted(task_backends[alias].queues)
    worker = django_rq.get_worker(*queues, job_class=Job)
    worker.work(burst=batch, with_scheduler=not batch, logging_level="WARNING")
