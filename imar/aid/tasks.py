"""Background work, shaped for a queue (ids in, a service called): the upload page and
`imar import iati` call it synchronously until jobs exist."""

from django.contrib.auth import get_user_model

from imar.aid import services
from imar.aid.models import ImportRun


def import_file(*, path: str, file_name: str, user_id: int | None) -> int:
    """Import the IATI file at `path` (a stored upload); returns the ImportRun id."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with open(path, "rb") as handle:
        run = services.activity_import(file=handle, by=user, file_name=file_name)
    return run.pk


def refresh_suggestions(*, activity_ids: list[int]) -> int:
    return services.refresh_suggestions(activity_ids=activity_ids)


def run_report(run_id: int) -> ImportRun:
    return ImportRun.objects.get(pk=run_id)
