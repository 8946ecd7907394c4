"""Background work of the aid app: ids in, a service called.

The upload page stores the file (`imar.jobs.uploads`) and queues `aid.iati_import`; the
worker imports it with a progress bar on the page, which then shows the import's report.
`imar import iati FILE…` calls `import_file` in the terminal, with its own bar.
"""

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from imar.aid import services
from imar.aid.models import ImportRun
from imar.jobs import services as jobs
from imar.jobs import uploads
from imar.jobs.registry import JobFailed, job_kind, reason

IATI_IMPORT = "aid.iati_import"
UPLOAD_MISSING = "aid.upload_missing"
reason(
    UPLOAD_MISSING,
    _("The uploaded file %(file)s is no longer on the server; upload it again."),
)


def import_file(*, path: str, file_name: str, user_id: int | None, progress=None) -> int:
    """Import the IATI file at `path` (a stored upload); returns the ImportRun id."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with open(path, "rb") as handle:
        run = services.activity_import(file=handle, by=user, file_name=file_name, progress=progress)
    return run.pk


def refresh_suggestions(*, activity_ids: list[int]) -> int:
    return services.refresh_suggestions(activity_ids=activity_ids)


def run_report(run_id: int) -> ImportRun:
    return ImportRun.objects.get(pk=run_id)


def _result_url(job) -> str:
    from django.urls import reverse

    run_id = (job.result or {}).get("run_id")
    return reverse("aid:import_detail", args=[run_id]) if run_id else ""


@job_kind(IATI_IMPORT, label=_("IATI file import"), max_attempts=2, result_url=_result_url)
def iati_import_job(
    progress, *, upload: str, sha256: str, file_name: str, user_id=None, language="ar"
) -> dict:
    """Import a stored upload (one transaction: complete or absent), then forget the file.

    A refused file is an import's outcome (its report says why), not a failed job."""
    try:
        path = uploads.path_of(upload)
        if not path.is_file():
            raise FileNotFoundError(upload)
    except (FileNotFoundError, ValueError):
        raise JobFailed(UPLOAD_MISSING, {"file": file_name}) from None
    with translation.override(language):
        run = run_report(
            import_file(path=str(path), file_name=file_name, user_id=user_id, progress=progress)
        )
    uploads.discard(upload)
    return {"run_id": run.pk, "status": run.status, "counts": run.counts}


def enqueue_iati_import(upload_file, *, by, language: str):
    """Store the upload and queue its import; the same file while its job is live gives
    that job back."""
    name, digest = uploads.store(upload_file, prefix="iati")
    return jobs.enqueue(
        IATI_IMPORT,
        arguments={
            "upload": name,
            "sha256": digest,
            "file_name": upload_file.name[:255],
            "user_id": by.pk,
            "language": language,
        },
        by=by,
    )
