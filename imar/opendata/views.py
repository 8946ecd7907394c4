"""Public download URLs: /open-data/projects.<ext>?<portal filters>, streamed; the unfiltered
ones served as files a job built (`cache.py`); and the /open-data/ page that lists them (or
says why nothing is published yet)."""

from django.db import transaction
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imar.core.sheet_output import csv_bytes
from imar.opendata import cache, dictionary
from imar.opendata.documents import site_url
from imar.opendata.exports.iati.activities import organisation_xml
from imar.opendata.formats import FORMAT_BY_EXTENSION, FORMATS
from imar.opendata.source import (
    ExportFilterError,
    contracting_problems,
    export_projects,
    publication_problems,
)
from imar.procurement.exports.ocds import views as ocds_views


def _not_published(request, problems: list[str]):
    """503: publication is not configured yet, and the page says why."""
    return render(request, "opendata/not_published.html", {"problems": problems}, status=503)


def _cached(request, format_name: str, language: str, content_type: str):
    """The whole-portfolio file a job built (`cache.serve`), None for a filtered download
    or before the first file is built: the caller streams it."""
    if not cache.enabled():
        return None
    target = cache.target_for(format_name, request.GET, language)
    return None if target is None else cache.serve(request, target, content_type)


@transaction.non_atomic_requests
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
    language = request.GET.get("lang") or get_language()
    if response := _cached(request, format_name, language, export_format.content_type):
        return response
    base_url = site_url(request)
    response = StreamingHttpResponse(
        export_format.write(
            queryset,
            kind,
            language=language,
            base_url=base_url,
            uri=base_url + request.get_full_path(),
        ),
        content_type=export_format.content_type,
    )
    stamp = timezone.localdate().isoformat()
    filename = f"imar-{kind}-{stamp}.{export_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@transaction.non_atomic_requests
@require_GET
def organisation_download(request):
    if problems := publication_problems():
        return _not_published(request, problems)
    if response := _cached(request, "organisation", "", "application/xml"):
        return response
    xml = organisation_xml(base_url=site_url(request))
    response = StreamingHttpResponse([xml], content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="imar-organisation.xml"'
    return response


@transaction.non_atomic_requests
@require_GET
def contracting_download(request):
    """The procurement's OCDS (`procurement.exports.ocds.views`), once its ocid prefix is set:
    every ocid is built from it, so nothing is published under an unregistered one."""
    if problems := contracting_problems():
        return _not_published(request, problems)
    if response := _cached(request, "contracting", "", "application/json"):
        return response
    return ocds_views.contracting_download(request)


@require_GET
def index(request):
    """The open-data page: the downloads, the licence and the data dictionary."""
    tables = [
        {
            "table": table,
            "anchor": table.path.rsplit(".", 1)[-1].replace("?kind=", "-"),
            "rows": dictionary.rows(table.columns),
        }
        for table in dictionary.TABLES
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "problems": publication_problems(oc4ids=True),
            "contracting_problems": contracting_problems(),
            "licence": dictionary.licence(),
            "tables": tables,
            "standards": dictionary.STANDARDS,
            "formula_note": dictionary.FORMULA_NOTE,
        },
    )


@require_GET
def dictionary_download(request):
    """The data dictionary as CSV: the companion of every CSV download."""
    rows = [
        ["licence", "", "", *[f"{dictionary.licence()['name']} {dictionary.licence()['url']}"] * 2]
    ]
    response = StreamingHttpResponse(
        csv_bytes(dictionary.DICTIONARY_HEADER, [*rows, *dictionary.dictionary_rows()]),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="imar-dictionary.csv"'
    return response
