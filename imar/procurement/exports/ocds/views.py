"""/open-data/contracting.json?<portal filters>&package=release|record: the published OCDS
releases of the public processes of the public projects the filters select."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Project
from imar.procurement.exports.ocds.package import record_package, release_package
from imar.procurement.models import Release

PACKAGES = {"release": release_package, "record": record_package}


def public_releases(params) -> tuple[list[dict] | None, dict]:
    """The releases (as published) of the projects `params` select, or None and the errors."""
    params = params.copy() if hasattr(params, "copy") else dict(params)
    for name in ("package",):
        params.pop(name, None)
    projects, filterset = filter_public_projects(Project.objects.public(), params)
    if filterset.errors:
        return None, {k: [str(m) for m in v] for k, v in filterset.errors.items()}
    rows = (
        Release.objects.public()
        .filter(process__project__in=projects.values("pk"))
        .order_by("ocid", "date", "id")
        .values_list("data", flat=True)
    )
    return list(rows), {}


def _encoded(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False, indent=1).encode()


def contracting_body(params, package: str, *, uri: str) -> bytes:
    """The package's bytes for these filters, as the download gives them (`opendata`'s
    cached whole-portfolio file is built with it)."""
    releases, errors = public_releases(params)
    if errors:
        raise ValueError(errors)
    return _encoded(PACKAGES[package](releases, uri=uri))


@require_GET
def contracting_download(request):
    package = request.GET.get("package", "release")
    if package not in PACKAGES:
        return JsonResponse(
            {"errors": {"package": [_("Choose “release” or “record”.")]}}, status=400
        )
    releases, errors = public_releases(request.GET)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    # The package's own address: on the site's public address when it is set (never a Host
    # header's), with the query that filtered it.
    site = settings.IMAR_SITE_URL.rstrip("/")
    uri = f"{site}{request.get_full_path()}" if site else request.build_absolute_uri()
    response = HttpResponse(
        _encoded(PACKAGES[package](releases, uri=uri)), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="imar-contracting-{package}s-{stamp}.json"'
    )
    return response
