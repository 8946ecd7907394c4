"""Whole-portfolio downloads built by a background job and served as files.

An unfiltered download (`/open-data/projects.<ext>`, `organisation.xml`, `contracting.json`)
is the same file for everyone until public data changes, and at 100,000 projects it costs
tens of seconds of CPU to build. So a job (`opendata.build_export`, `tasks.py`) builds it
once per public data version (`version.py`) into the default storage (`opendata/`, under
MEDIA_ROOT or on S3), and the download serves that file, with an ETag (its sha256) and
Last-Modified, answering 304 to a client that already has it.

When public data changed since the last build, the download queues the build (one job per
file and version, whoever asks) and serves the previous file at once with the header
`X-Imar-Data-Refreshing: 1` (and `Cache-Control: no-cache`): a citizen who clicks a link
gets the file in a second, as from any open-data portal, one version old for the minutes
the build takes, instead of a waiting page or a minute of a hung download; a tool can tell
from the header and the ETag, and ask again. Only when no file was ever built is it
streamed from the database as before (while the job builds the file for the next visitor).

The files are byte for byte what the inline builder gives for the same URL: both call
`FORMATS[...].write` (and the organisation and contracting builders) with the same
arguments, the site's public address (`IMAR_SITE_URL`) and the download's own address.
Without IMAR_SITE_URL nothing is cached (links would come from a request's Host header).
"""

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import FileResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date_safe

from imar.opendata import version as data_version
from imar.opendata.models import CachedExport

log = logging.getLogger(__name__)
FOLDER = "opendata"
KEEP = 2  # files kept per download: the current and the one served while it is rebuilt


@dataclass(frozen=True)
class Target:
    """One cacheable download: `name` keys the files, `extension` the URL's."""

    name: str
    url_name: str
    extension: str
    format: str  # a FORMATS key, "organisation" or "contracting"
    kind: str = "projects"  # or the contracting package ("release", "record")
    language: str = ""  # only XLSX depends on it (reading direction)

    @property
    def filename(self) -> str:
        if self.format == "organisation":
            return "imar-organisation.xml"
        if self.format == "contracting":
            return f"imar-contracting-{self.kind}s.json"
        suffix = f"-{self.language}" if self.language else ""
        return f"imar-{self.kind}{suffix}.{self.extension}"

    def path(self) -> str:
        """The download's own address on the site (no language prefix, the query it takes)."""
        with translation.override(settings.LANGUAGE_CODE):
            if self.url_name == "opendata:projects":
                path = reverse(self.url_name, args=[self.extension])
            else:
                path = reverse(self.url_name)
        query = {
            "csv": f"?kind={self.kind}" if self.kind != "projects" else "",
            "xlsx": f"?kind={self.kind}" if self.kind != "projects" else "",
            "contracting": f"?package={self.kind}" if self.kind != "release" else "",
        }.get(self.format, "")
        return path + query


def _targets() -> dict[str, Target]:
    targets = [
        Target("iati", "opendata:projects", "xml", "iati"),
        Target("oc4ids", "opendata:projects", "json", "oc4ids"),
        Target("geojson", "opendata:projects", "geojson", "geojson"),
        Target("organisation", "opendata:organisation", "xml", "organisation"),
        Target("contracting-release", "opendata:contracting", "json", "contracting", "release"),
        Target("contracting-record", "opendata:contracting", "json", "contracting", "record"),
    ]
    for kind in ("projects", "transactions"):
        targets.append(Target(f"csv-{kind}", "opendata:projects", "csv", "csv", kind))
        for language in ("ar", "en"):
            targets.append(
                Target(
                    f"xlsx-{kind}-{language}", "opendata:projects", "xlsx", "xlsx", kind, language
                )
            )
    return {t.name: t for t in targets}


TARGETS = _targets()


def target_for(format_name: str, params, language: str) -> Target | None:
    """The cacheable download a request asks for, None when it is filtered (streamed)."""
    params = {key: value for key, value in params.items() if value not in ("", None)}
    if format_name == "contracting":
        package = params.pop("package", "release")
        return None if params else TARGETS.get(f"contracting-{package}")
    if format_name == "organisation":
        return None if params else TARGETS["organisation"]
    kind = params.pop("kind", "projects")
    params.pop("lang", None)
    if params:
        return None
    if format_name == "xlsx":
        return TARGETS.get(f"xlsx-{kind}-{'ar' if language == 'ar' else 'en'}")
    if format_name == "csv":
        return TARGETS.get(f"csv-{kind}")
    return TARGETS.get(format_name) if kind == "projects" else None


def enabled() -> bool:
    return bool(settings.IMAR_SITE_URL) and settings.IMAR_OPEN_DATA_CACHE


def chunks_of(target: Target):
    """The download's bytes, built from the database now (what the file holds)."""
    from imar.opendata.exports.iati.activities import organisation_xml
    from imar.opendata.formats import FORMATS
    from imar.opendata.source import export_projects

    base_url = settings.IMAR_SITE_URL.rstrip("/")
    if target.format == "organisation":
        return [organisation_xml(base_url=base_url)]
    if target.format == "contracting":
        from imar.procurement.exports.ocds.views import contracting_body

        return [contracting_body({}, target.kind, uri=base_url + target.path())]
    language = target.language or settings.LANGUAGE_CODE
    return FORMATS[target.format].write(
        export_projects({}),
        target.kind,
        language=language,
        base_url=base_url,
        uri=base_url + target.path(),
    )


def latest(name: str) -> CachedExport | None:
    return CachedExport.objects.filter(name=name).order_by("-built_at", "-pk").first()


def for_version(name: str, stamp: str) -> CachedExport | None:
    return CachedExport.objects.filter(name=name, version=stamp).first()


def build(name: str, stamp: str | None = None, progress=None) -> CachedExport:
    """Build the file of download `name` for the public data version `stamp` (now's when
    None) into storage; the existing one when it was built already. `progress(done kB,
    expected kB)` is told as the bytes go out (the expected size is the previous file's)."""
    target = TARGETS[name]
    stamp = stamp or data_version.current()
    if (found := for_version(name, stamp)) is not None:
        return found
    previous = latest(name)
    expected = previous.size // 1024 if previous else None
    started = time.perf_counter()
    digest, size = hashlib.sha256(), 0
    language = target.language or settings.LANGUAGE_CODE
    with translation.override(language), tempfile.TemporaryFile() as spool:
        for chunk in chunks_of(target):
            spool.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(size // 1024, max(expected or 0, size // 1024) or None)
        spool.seek(0)
        sha = digest.hexdigest()
        path = default_storage.save(f"{FOLDER}/{name}/{sha[:16]}-{target.filename}", File(spool))
    cached, created = CachedExport.objects.get_or_create(
        name=name,
        version=stamp,
        defaults={
            "path": path,
            "size": size,
            "sha256": sha,
            "built_at": timezone.now(),
            "seconds": time.perf_counter() - started,
        },
    )
    if not created:  # another worker built it meanwhile: keep one
        default_storage.delete(path)
    _prune(name)
    return cached


def _prune(name: str) -> None:
    """Keep the last KEEP files of a download (one may be being served while rebuilt)."""
    for old in CachedExport.objects.filter(name=name).order_by("-built_at", "-pk")[KEEP:]:
        try:
            default_storage.delete(old.path)
        except OSError:
            log.warning("could not delete %s", old.path, exc_info=True)
        old.delete()


def describe(cached: CachedExport) -> dict:
    return {
        "name": cached.name,
        "version": cached.version,
        "size": cached.size,
        "sha256": cached.sha256,
        "seconds": round(cached.seconds, 2),
    }


def _etag(cached: CachedExport) -> str:
    return f'"{cached.sha256[:32]}"'


def _not_modified(request, etag: str, cached: CachedExport) -> bool:
    if (asked := request.headers.get("If-None-Match")) is not None:
        return etag in [tag.strip().removeprefix("W/") for tag in asked.split(",")] or (
            asked.strip() == "*"
        )
    if since := request.headers.get("If-Modified-Since"):
        moment = parse_http_date_safe(since)
        return moment is not None and int(cached.built_at.timestamp()) <= moment
    return False


def serve(request, target: Target, content_type: str):
    """The cached file's response, or None when there is none yet (the caller streams it).

    Queues the build when the file is not the current version's (see the module's text).
    The views run outside a request transaction (`non_atomic_requests`): the job is
    recorded in its own, and a busy database fails only the queueing, not the download."""
    from imar.opendata import tasks

    stamp = data_version.current()
    cached = for_version(target.name, stamp)
    refreshing = False
    if cached is None:
        try:
            tasks.enqueue_build(target.name, stamp)
        except DatabaseError:  # SQLite busy with a writer: the next download queues it
            log.warning("could not queue the build of %s", target.name, exc_info=True)
        cached = latest(target.name)
        refreshing = True
        if cached is None or not default_storage.exists(cached.path):
            return None
    etag = _etag(cached)
    if _not_modified(request, etag, cached):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(default_storage.open(cached.path, "rb"), content_type=content_type)
        response["Content-Length"] = str(cached.size)
        stamp_day = timezone.localdate(cached.built_at).isoformat()
        stem, _, extension = target.filename.rpartition(".")
        response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp_day}.{extension}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(cached.built_at.timestamp())
    response["X-Imar-Data-Version"] = cached.version
    if refreshing:
        response["X-Imar-Data-Refreshing"] = "1"
        response["Cache-Control"] = "no-cache"
    else:
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response
