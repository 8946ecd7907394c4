"""Background work of the needs app: thin tasks, ids in, a service called.

A scenario run is a background job (`imar.jobs`): `enqueue_scenario_run` records it in the
transaction that marks the scenario running, and the queue gets it when that commits; the
worker (`imar worker`) runs it. `IMAR_SCENARIO_RUNS_INLINE` runs it in the process that
started it instead, at commit (tests, scripts).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from imar.jobs import services as jobs
from imar.jobs import uploads
from imar.jobs.models import Job
from imar.jobs.registry import JobFailed, job_kind, reason
from imar.needs.scenarios import scenario_run

SCENARIO_RUN = "needs.scenario_run"


def scenario_run_task(*, scenario_id: int) -> None:
    """Score, allocate and store one scenario's result (`scenarios.scenario_run`)."""
    scenario_run(scenario_id=scenario_id)


def _result_url(job) -> str:
    from django.urls import reverse

    return reverse("needs:scenario_detail", args=[job.arguments["scenario_id"]])


# One attempt: a run the worker lost is failed by `runs.fail_stuck_runs` and run again by
# people, who see why; retrying behind their back could overwrite a newer run.
@job_kind(SCENARIO_RUN, label=_("Allocation scenario run"), max_attempts=1, result_url=_result_url)
def scenario_run_job(progress, *, scenario_id: int, run_id: str) -> dict:
    progress(0, 2, _("Scoring the candidates and allocating the budget"))
    scenario = scenario_run(scenario_id=scenario_id)
    progress(2, 2, _("Done"))
    return {"scenario_id": scenario.pk, "status": scenario.status}


def enqueue_scenario_run(scenario_id: int, *, run_id, by=None):
    """The run's job (queued when the caller's transaction commits)."""
    return jobs.enqueue(
        SCENARIO_RUN,
        arguments={"scenario_id": scenario_id, "run_id": str(run_id)},
        by=by,
        immediate=True if settings.IMAR_SCENARIO_RUNS_INLINE else None,
    )


def scenario_job(scenario):
    """The job of the scenario's current run, or None."""
    if scenario.run_id is None:
        return None
    key = jobs.job_key(SCENARIO_RUN, {"scenario_id": scenario.pk, "run_id": str(scenario.run_id)})
    return Job.objects.filter(key=key).order_by("-created_at").first()


# ---- candidate-project import ------------------------------------------------------------

PROJECT_IMPORT = "needs.project_import"
MAX_IMPORTED_LISTED = 200
UPLOAD_MISSING = "needs.upload_missing"
reason(
    UPLOAD_MISSING,
    _("The uploaded file %(file)s is no longer on the server; upload it again."),
)


def _import_page(job) -> str:
    from django.urls import reverse

    return f"{reverse('needs:import_projects')}?job={job.pk}"


@job_kind(
    PROJECT_IMPORT, label=_("Candidate-project import"), max_attempts=2, result_url=_import_page
)
def project_import_job(
    progress, *, upload: str, sha256: str, file_name: str, user_id: int, language="ar"
) -> dict:
    """Import a stored spreadsheet of candidate projects: every one created, or none (one
    transaction), its problems worded in the language of the officer who started it."""
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from imar.needs.imports.projects import import_projects

    try:
        data = uploads.read(upload)
    except (FileNotFoundError, ValueError):
        raise JobFailed(UPLOAD_MISSING, {"file": file_name}) from None
    by = get_user_model().objects.get(pk=user_id)
    with translation.override(language):
        result = import_projects(data=data, filename=file_name, by=by, progress=progress)
    uploads.discard(upload)
    return {
        "created": result.created,
        "codes": result.codes[:MAX_IMPORTED_LISTED],
        "errors": result.errors,
    }


def enqueue_project_import(upload_file, *, by, language: str):
    """Store the spreadsheet and queue its import (the same file while its job is live
    gives that job back)."""
    name, digest = uploads.store(upload_file, prefix="projects")
    return jobs.enqueue(
        PROJECT_IMPORT,
        arguments={
            "upload": name,
            "sha256": digest,
            "file_name": upload_file.name[:255],
            "user_id": by.pk,
            "language": language,
        },
        by=by,
    )
