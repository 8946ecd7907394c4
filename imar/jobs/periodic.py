"""Periodic jobs the worker starts itself, so no cron line is needed.

`IMAR_JOBS_PERIODIC` maps a job kind to when it runs: "HH:MM" (every day at that local
time) or "<N>m" (every N minutes). The worker calls `tick()` every few seconds; the first
worker to move a schedule's next run forward queues the job (several workers queue it once).
"""

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from imar.jobs import services
from imar.jobs.models import Schedule

_DAILY = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EVERY = re.compile(r"^(\d+)m$")


def parse_when(when: str) -> tuple[str, int]:
    """("daily", minutes after midnight) or ("every", minutes); ValueError when neither."""
    if match := _DAILY.match(when.strip()):
        return "daily", int(match[1]) * 60 + int(match[2])
    if (match := _EVERY.match(when.strip())) and int(match[1]) > 0:
        return "every", int(match[1])
    raise ValueError(f"expected HH:MM or <minutes>m, not {when!r}")


def next_run(when: str, after: dt.datetime) -> dt.datetime:
    mode, minutes = parse_when(when)
    if mode == "every":
        return after + dt.timedelta(minutes=minutes)
    local = timezone.localtime(after)
    at = local.replace(hour=minutes // 60, minute=minutes % 60, second=0, microsecond=0)
    if at <= local:
        at += dt.timedelta(days=1)
    return at


def schedules() -> dict[str, str]:
    return dict(settings.IMAR_JOBS_PERIODIC)


def tick(now: dt.datetime | None = None) -> list:
    """Queue every periodic job that is due; the jobs queued."""
    now = now or timezone.now()
    queued = []
    for kind, when in schedules().items():
        schedule, _ = Schedule.objects.get_or_create(
            kind=kind, defaults={"next_run_at": next_run(when, now)}
        )
        if schedule.next_run_at is None or schedule.next_run_at > now:
            continue
        with transaction.atomic():
            won = Schedule.objects.filter(kind=kind, next_run_at=schedule.next_run_at).update(
                last_run_at=now, next_run_at=next_run(when, now)
            )
            if not won:  # another worker took this run
                continue
            job = services.enqueue(kind)
            Schedule.objects.filter(kind=kind).update(last_job=job)
        queued.append(job)
    Schedule.objects.exclude(kind__in=list(schedules())).delete()
    return queued


def run_now(kind: str, *, by=None):
    """Queue a periodic job at once (the operator page's button); its schedule is kept."""
    return services.enqueue(kind, by=by)
