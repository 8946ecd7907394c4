"""Public download URLs: /open-data/projects.<ext>?<portal filters>, streamed."""

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imar.opendata.exports.iati.activities import organisation_xml
from imar.opendata.formats import FORMAT_BY_EXTENSION, FORMATS
from imar.opendata.source import ExportFilterError, export_projects


@require_GET
def projects_download(request, extension: str):
    format_name = FORMAT_BY_EXTENSION.get(extension)
    if format_name is None:
        raise Http404
    export_format = FORMATS[format_name]
    try:
        queryset = export_projects(request.GET)
    except ExportFilterError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    kind = request.GET.get("kind", "projects")
    if kind not in export_format.kinds:
        return JsonResponse({"errors": {"kind": [_("Not available in this format.")]}}, status=400)
    response = StreamingHttpResponse(
        export_format.write(queryset, kind), content_type=export_format.content_type
    )
    stamp = timezone.localdate().isoformat()
    filename = f"imar-{kind}-{stamp}.{export_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def organisation_download(request):
    response = StreamingHttpResponse([organisation_xml()], content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="imar-organisation.xml"'
    return response
