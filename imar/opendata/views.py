"""Public download URLs: /open-data/projects.<ext>?<portal filters>, streamed; and the
/open-data/ page that lists them (or says why nothing is published yet)."""

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imar.opendata.documents import site_url
from imar.opendata.exports.iati.activities import organisation_xml
from imar.opendata.formats import FORMAT_BY_EXTENSION, FORMATS
from imar.opendata.source import ExportFilterError, export_projects, publication_problems


def _not_published(request, problems: list[str]):
    """503: publication is not configured yet, and the page says why."""
    return render(request, "opendata/not_published.html", {"problems": problems}, status=503)


@require_GET
def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "problems": publication_problems(oc4ids=True),
            "formats": [(f.name, f"projects.{f.extension}") for f in FORMATS.values()],
        },
    )


@require_GET
def projects_download(request, extension: str):
    format_name = FORMAT_BY_EXTENSION.get(extension)
    if format_name is None:
        raise Http404
    if problems := publication_problems(oc4ids=format_name == "oc4ids"):
        return _not_published(request, problems)
    export_format = FORMATS[format_name]
    try:
        queryset = export_projects(request.GET)
    except ExportFilterError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    kind = request.GET.get("kind", "projects")
    if kind not in export_format.kinds:
        return JsonResponse({"errors": {"kind": [_("Not available in this format.")]}}, status=400)
    base_url = site_url(request)
    response = StreamingHttpResponse(
        export_format.write(
            queryset, kind, base_url=base_url, uri=base_url + request.get_full_path()
        ),
        content_type=export_format.content_type,
    )
    stamp = timezone.localdate().isoformat()
    filename = f"imar-{kind}-{stamp}.{export_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def organisation_download(request):
    if problems := publication_problems():
        return _not_published(request, problems)
    xml = organisation_xml(base_url=site_url(request))
    response = StreamingHttpResponse([xml], content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="imar-organisation.xml"'
    return response
