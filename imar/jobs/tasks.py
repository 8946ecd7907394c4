"""The one Tasks API task (`run_job`) that carries every Imar job, and the jobs of this app.

The queue only ever holds `run_job(job_id)`: the job's kind, arguments, attempts and state
live in `imar.jobs.models.Job`, so the same code runs on the database backend, on RQ, or
immediately, by the TASKS setting alone.
"""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from imar.accounts.audit_checkpoint import CheckpointRefused, take_checkpoint
from imar.jobs import services
from imar.jobs.registry import JobFailed, job_kind, reason


@task(takes_context=True)
def run_job(context, job_id: str) -> str:
    return services.run(job_id, backend=context.task_result.backend)


AUDIT_BROKEN = "audit_broken"
reason(
    AUDIT_BROKEN,
    _(
        "The audit trail failed its check (%(count)s problems), so no checkpoint was signed. "
        "Open the audit trail and verify it."
    ),
)


@job_kind("accounts.audit_checkpoint", label=_("Sign an audit checkpoint"), max_attempts=2)
def audit_checkpoint_job(progress) -> dict:
    """Verify the audit trail and sign its head (periodic: the worker schedules it)."""
    progress(0, 1, _("Verifying the audit trail"))
    try:
        checkpoint = take_checkpoint()
    except CheckpointRefused as refused:
        raise JobFailed(AUDIT_BROKEN, {"count": len(refused.problems)}) from None
    progress(1, 1)
    return checkpoint


@job_kind("jobs.prune", label=_("Prune old finished jobs"), max_attempts=2)
def prune_job(progress) -> dict:
    """Delete the jobs finished more than IMAR_JOBS_KEEP_DAYS ago, the queue backend's own
    result rows of the same age, and job upload files left behind (periodic)."""
    progress(0, 3, _("Pruning old finished jobs"))
    counts = services.prune()
    progress(3, 3)
    return counts
