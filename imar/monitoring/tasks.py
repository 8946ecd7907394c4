"""Background work of monitoring: thin tasks, ids in, a service called.

The nightly refresh (`imar monitoring_refresh`, from cron or a job queue) recomputes every
project's figures, so indices that depend on the date (planned value, SPI) stay current.
"""

import datetime as dt

from imar.monitoring.figures import refresh_figures


def figures_refresh_task(
    *, project_ids: list[int] | None = None, as_of: dt.date | None = None
) -> int:
    """Recompute the figures of these projects (all when None); returns how many."""
    return refresh_figures(project_ids=project_ids, as_of=as_of)
