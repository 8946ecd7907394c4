"""Where files that must not be public live.

Django serves MEDIA_ROOT under MEDIA_URL (and so would a production web server configured
the usual way). Confidential agreement documents and original, geotagged photos therefore
go to a sibling folder, `<media>-private`, that no URL maps to; views that check
permissions stream them with `serve_private`.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files next to MEDIA_ROOT (``<media>-private``), never served by the media URL."""

    def __init__(self):
        super().__init__(base_url="/private-not-served/")

    @cached_property
    def base_location(self):
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "-private"))


private_storage = PrivateStorage()


def serve_private(field_file, *, download_name: str | None = None) -> FileResponse:
    """Stream a stored file to a caller that already passed its permission check."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    return FileResponse(
        field_file.open("rb"),
        as_attachment=False,
        filename=download_name or Path(field_file.name).name,
    )
