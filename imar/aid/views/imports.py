from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from imar.aid import selectors, tasks
from imar.aid.enums import RunStatus
from imar.aid.forms import UploadForm
from imar.aid.views.access import officer, staff
from imar.jobs import selectors as job_selectors
from imar.jobs.enums import JobState


@login_required
def import_list(request):
    staff(request.user)
    page = Paginator(selectors.imports(), 25).get_page(request.GET.get("page"))
    return render(request, "aid/import_list.html", {"page": page})


@login_required
def import_detail(request, pk: int):
    staff(request.user)
    run = get_object_or_404(selectors.imports().defer(None), pk=pk)
    outcome = request.GET.get("outcome", "")
    rows = [r for r in run.rows if not outcome or r["outcome"] == outcome]
    return render(request, "aid/import_detail.html", {"run": run, "rows": rows, "outcome": outcome})


@login_required
def upload(request):
    """The file is imported by a background job; this page shows its bar, then the report."""
    officer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = tasks.enqueue_iati_import(
            form.cleaned_data["file"], by=request.user, language=request.LANGUAGE_CODE
        )
        return redirect(f"{reverse('aid:upload')}?job={job.pk}")
    job = job_selectors.started_job(request, tasks.IATI_IMPORT)
    if job is not None and job.state == JobState.SUCCEEDED:
        run = tasks.run_report(job.result["run_id"])
        if run.status == RunStatus.FAILED:
            messages.error(request, _("The file was refused: %(error)s") % {"error": run.error})
        else:
            messages.success(request, _("The file was imported; its report follows."))
        return redirect(run.get_absolute_url())
    return render(request, "aid/upload.html", {"form": form, "job": job})
