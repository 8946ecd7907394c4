"""Reads of jobs: who may see one, what the operator page lists."""

from django.core.exceptions import ValidationError

from imar.accounts import permissions
from imar.jobs import periodic, registry, services
from imar.jobs.models import Job, Schedule


def can_see_job(user, job: Job) -> bool:
    """The staff see every job's state; anyone else only the jobs they started."""
    if not user.is_authenticated:
        return False
    return permissions.is_staff_member(user) or job.started_by_id == user.pk


def can_operate(user) -> bool:
    """The operator page: administrators and auditors."""
    return permissions.can_read_audit_trail(user)


def fresh_job(pk) -> Job:
    """The job, marked failed first if its worker is gone, with its live progress (raises
    Job.DoesNotExist)."""
    services.fail_stale(Job.objects.filter(pk=pk))
    return services.live_progress(Job.objects.select_related("started_by").get(pk=pk))


def recent_jobs(state: str = "", limit: int = 100):
    jobs = Job.objects.select_related("started_by")
    if state:
        jobs = jobs.filter(state=state)
    return list(jobs[:limit])


def schedule_rows() -> list[dict]:
    stored = {s.kind: s for s in Schedule.objects.select_related("last_job")}
    rows = []
    for kind, when in periodic.schedules().items():
        spec = registry.get(kind)
        schedule = stored.get(kind)
        rows.append(
            {
                "kind": kind,
                "label": spec.label if spec else kind,
                "when": when,
                "last_run_at": schedule.last_run_at if schedule else None,
                "next_run_at": schedule.next_run_at if schedule else None,
                "last_job": schedule.last_job if schedule else None,
            }
        )
    return rows


def job_dict(job: Job) -> dict:
    return {
        "id": str(job.id),
        "kind": job.kind,
        "label": job.label,
        "state": job.state,
        "progress": {
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
            "message": job.progress_message,
        },
        "result": job.result if job.state == "succeeded" else None,
        "error": (
            {"code": job.error_code, "params": job.error_params, "message": job.failure}
            if job.error_code
            else None
        ),
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "heartbeat_at": job.heartbeat_at,
    }


def started_job(request, kind: str) -> Job | None:
    """The job named by the page's `?job=` of `kind`, when the user may see it; else None.

    The page that starts a job redirects to itself with `?job=<id>`: it shows the bar while
    the job runs, and the outcome (a result link, or why it failed) once it has ended."""
    pk = request.GET.get("job", "")
    if not pk:
        return None
    try:
        job = fresh_job(pk)
    except (Job.DoesNotExist, ValueError, ValidationError):
        return None
    if job.kind != kind or not can_see_job(request.user, job):
        return None
    return job
