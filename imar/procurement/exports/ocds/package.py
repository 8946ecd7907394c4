"""OCDS 1.1 release packages and record packages of the published (stored) releases.
Records are compiled with `ocdsmerge` against the shipped release schema (no network)."""

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
VERSION = "1.1"


@cache
def release_schema() -> dict:
    return json.loads((SCHEMA_DIR / "release-schema.json").read_text())


@cache
def _merger():
    import ocdsmerge

    return ocdsmerge.Merger(schema=release_schema())


def _publisher() -> dict:
    publisher = {"name": settings.IMAR_FUND_NAME_EN}
    if settings.IMAR_SITE_URL:
        publisher["uri"] = settings.IMAR_SITE_URL
    return publisher


def _meta(uri: str) -> dict:
    return {
        "uri": uri
        or f"{settings.IMAR_SITE_URL or 'https://imar.invalid'}/open-data/contracting.json",
        "version": VERSION,
        "publishedDate": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": _publisher(),
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "publicationPolicy": f"{settings.IMAR_SITE_URL or 'https://imar.invalid'}/open-data/#procurement",
    }


def release_package(releases: Iterable[dict], *, uri: str = "") -> dict:
    return {**_meta(uri), "releases": list(releases)}


def compile_record(releases: list[dict]) -> dict:
    ordered = sorted(releases, key=lambda r: (r["date"], r["id"]))
    return {
        "ocid": ordered[0]["ocid"],
        "releases": ordered,
        "compiledRelease": _merger().create_compiled_release(ordered),
    }


def records_of(releases: Iterable[dict]) -> list[dict]:
    by_ocid: dict[str, list[dict]] = {}
    for release in releases:
        by_ocid.setdefault(release["ocid"], []).append(release)
    return [compile_record(group) for _ocid, group in sorted(by_ocid.items())]


def record_package(releases: Iterable[dict], *, uri: str = "") -> dict:
    return {**_meta(uri), "records": records_of(releases)}


def contracting_processes_of_project(project) -> list[dict]:
    """For the OC4IDS exporter: the project's public records (ocid, compiled release and the
    releases) in the shape OC4IDS `contractingProcesses[].summary` is filled from."""
    from imar.procurement.models import Release

    releases = [row.data for row in Release.objects.public().filter(process__project=project)]
    return records_of(releases)
