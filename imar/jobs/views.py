"""Job pages: the progress partial any page polls, and the operator page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render

from imar.jobs import selectors
from imar.jobs.enums import JobState
from imar.jobs.models import Job


def _job_for(request, pk) -> Job:
    try:
        job = selectors.fresh_job(pk)
    except (Job.DoesNotExist, ValidationError):
        raise Http404 from None
    if not selectors.can_see_job(request.user, job):
        raise PermissionDenied
    return job


@login_required
def job_progress(request, pk):
    """The job's progress bar, polled by HTMX every 2 seconds until it ends."""
    job = _job_for(request, pk)
    response = render(request, "jobs/_progress.html", {"job": job})
    if job.is_finished and request.htmx and request.GET.get("refresh") == "1":
        response["HX-Refresh"] = "true"  # the page that started it shows the outcome
    return response


@login_required
def operations(request):
    """Recent jobs and the periodic schedule, for administrators and auditors."""
    if not selectors.can_operate(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "")
    if state not in JobState.values:
        state = ""
    return render(
        request,
        "jobs/operations.html",
        {
            "jobs": selectors.recent_jobs(state),
            "schedules": selectors.schedule_rows(),
            "state": state,
            "states": JobState.choices,
        },
    )
