"""`/metrics`: Prometheus' text format, for the fund's monitoring.

Request counts and latency by view, method and status (django-prometheus' middleware), the
processes' own figures, and the job queue's depth: jobs queued, running and failed (in the
last day), by kind, read from the job records at scrape time. Under `imar serve` with several
workers, every worker's counters are added up (prometheus_client's multiprocess mode).

Who may read it: administrators and auditors signed in (the operator page's readers), or a
scraper sending `Authorization: Bearer <IMAR_METRICS_TOKEN>`; anyone else is refused (403).
"""

import hmac
import os
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from imar.jobs import selectors
from imar.jobs.enums import JobState
from imar.jobs.models import Job

FAILED_WINDOW = timedelta(days=1)
DEPTH_STATES = (JobState.QUEUED, JobState.RUNNING, JobState.FAILED)


def queue_depth() -> dict[tuple[str, str], int]:
    """(state, kind) → jobs: live ones, and those failed in the last day. One query."""
    since = timezone.now() - FAILED_WINDOW
    rows = (
        Job.objects.filter(
            Q(state__in=[JobState.QUEUED, JobState.RUNNING])
            | Q(state=JobState.FAILED, finished_at__gte=since)
        )
        .values("state", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["state"], row["kind"]): row["n"] for row in rows}


class JobQueueCollector:
    def collect(self):
        family = GaugeMetricFamily(
            "imar_jobs",
            "Background jobs queued, running, and failed in the last day, by kind",
            labels=["state", "kind"],
        )
        depth = queue_depth()
        totals = GaugeMetricFamily(
            "imar_jobs_total_by_state",
            "Background jobs by state (failed: last day)",
            labels=["state"],
        )
        for state in DEPTH_STATES:
            totals.add_metric([state.value], sum(n for (s, _), n in depth.items() if s == state))
        for (state, kind), n in sorted(depth.items()):
            family.add_metric([state, kind], n)
        yield totals
        yield family


def exposition() -> bytes:
    """Every worker's counters (multiprocess mode) or this process's, then the queue's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    queue = CollectorRegistry()
    queue.register(JobQueueCollector())
    return generate_latest(processes) + generate_latest(queue)


def _scraper_token_ok(request) -> bool:
    token = settings.IMAR_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())


@never_cache
@require_GET
def metrics(request):
    if not (_scraper_token_ok(request) or selectors.can_operate(request.user)):
        raise PermissionDenied
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
