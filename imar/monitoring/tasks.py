"""Background work of monitoring: thin tasks, ids in, a service called.

The nightly refresh (`imar monitoring_refresh`, or the periodic job `imar worker` queues
itself) recomputes every project's figures, so indices that depend on the date (planned
value, SPI) stay current.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from imar.jobs.registry import job_kind
from imar.monitoring.figures import refresh_figures


def figures_refresh_task(
    *, project_ids: list[int] | None = None, as_of: dt.date | None = None, progress=None
) -> int:
    """Recompute the figures of these projects (all when None); returns how many."""
    return refresh_figures(project_ids=project_ids, as_of=as_of, progress=progress)


@job_kind("monitoring.figures_refresh", label=_("Refresh the monitoring figures"))
def figures_refresh_job(progress, *, as_of: str | None = None) -> dict:
    """The nightly refresh as a job (periodic: the worker queues it; no cron line)."""
    day = dt.date.fromisoformat(as_of) if as_of else None
    return {"projects": figures_refresh_task(as_of=day, progress=progress)}
