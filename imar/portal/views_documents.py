"""Public downloads of project documents: only public documents of public projects."""

from pathlib import Path

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imar.core.storage import serve_private
from imar.portfolio.models import ProjectDocument


@require_GET
def document_download(request, code: str, pk: int):
    document = (
        ProjectDocument.objects.public().filter(project__code=code, pk=pk).only("file").first()
    )
    if document is None:
        raise Http404(_("No public document here."))
    response = serve_private(document.file, download_name=Path(document.file.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
