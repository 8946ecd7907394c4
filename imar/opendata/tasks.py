"""Background work of open data: building the cached whole-portfolio downloads.

`opendata.build_export` builds one download's file for one public data version (queued by
the download when its file is stale: one job per file and version, however many ask);
`opendata.prebuild_exports` is the periodic one (`IMAR_JOBS_PERIODIC`, 04:00 by default,
after the nightly figure refresh): it builds every download whose file is not current, so
the morning's first visitor is served a fresh file.
"""

from django.utils.translation import gettext_lazy as _

from imar.jobs import services as jobs
from imar.jobs.enums import LIVE_STATES
from imar.jobs.models import Job
from imar.jobs.registry import job_kind
from imar.opendata import cache
from imar.opendata import version as data_version

BUILD = "opendata.build_export"
PREBUILD = "opendata.prebuild_exports"


@job_kind(BUILD, label=_("Build an open-data download"))
def build_export_job(progress, *, name: str, version: str) -> dict:
    progress(0, None, cache.TARGETS[name].filename)
    return cache.describe(cache.build(name, version, progress=progress))


@job_kind(PREBUILD, label=_("Build the open-data downloads"), max_attempts=1)
def prebuild_exports_job(progress, **_arguments) -> dict:
    if not cache.enabled():
        return {"built": [], "reason": "IMAR_SITE_URL is not set or the cache is off"}
    stamp = data_version.current()
    built = []
    names = list(cache.TARGETS)
    for done, name in enumerate(names):
        progress(done, len(names), cache.TARGETS[name].filename)
        if cache.for_version(name, stamp) is None:
            cache.build(name, stamp)
            built.append(name)
    progress(len(names), len(names))
    return {"version": stamp, "built": built}


def enqueue_build(name: str, stamp: str):
    """The build of `name` for `stamp`, queued on commit. While a build of the same file is
    queued or running (for this version or an older one) that one is returned instead: on
    a busy day of edits one build runs at a time per file, and the next request after it
    queues the next version's."""
    live = Job.objects.filter(kind=BUILD, state__in=LIVE_STATES, arguments__name=name)
    return live.first() or jobs.enqueue(BUILD, arguments={"name": name, "version": stamp})
