import os
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from imar.aid import selectors, tasks
from imar.aid.enums import RunStatus
from imar.aid.forms import UploadForm
from imar.aid.views.access import officer, staff


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


def _stored(upload) -> str:
    """The upload as a file on disk (a queue worker will read it from there)."""
    handle, path = tempfile.mkstemp(prefix="imar-iati-", suffix=".xml")
    with os.fdopen(handle, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@login_required
def upload(request):
    officer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        path = _stored(upload_file)
        try:
            run_id = tasks.import_file(
                path=path, file_name=upload_file.name, user_id=request.user.pk
            )
        finally:
            os.unlink(path)
        run = tasks.run_report(run_id)
        if run.status == RunStatus.FAILED:
            messages.error(request, _("The file was refused: %(error)s") % {"error": run.error})
        else:
            messages.success(request, _("The file was imported; its report follows."))
        return redirect(run.get_absolute_url())
    return render(request, "aid/upload.html", {"form": form})
