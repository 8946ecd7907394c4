"""The unfiltered downloads are built by a job once per public data version and served as
files (imar/opendata/cache.py): served with an ETag (304 when unchanged), rebuilt after a
public change, byte for byte what the inline builder streams."""

import io
import json
import re
import zipfile

import pytest

from imar.jobs import services
from imar.jobs.enums import JobState
from imar.jobs.models import Job
from imar.opendata import cache, tasks
from imar.opendata import version as data_version
from imar.opendata.models import CachedExport

URLS = {
    "iati": "/open-data/projects.xml",
    "oc4ids": "/open-data/projects.json",
    "geojson": "/open-data/projects.geojson",
    "csv-projects": "/open-data/projects.csv",
    "csv-transactions": "/open-data/projects.csv?kind=transactions",
    "xlsx-projects-ar": "/open-data/projects.xlsx?lang=ar",
    "xlsx-transactions-en": "/open-data/projects.xlsx?kind=transactions&lang=en",
    "organisation": "/open-data/organisation.xml",
    "contracting-release": "/open-data/contracting.json",
    "contracting-record": "/open-data/contracting.json?package=record",
}


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMAR_OCID_PREFIX = "ocds-xxtest"


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _comparable(name: str, content: bytes):
    """The bytes, less what records the moment it was written: an XLSX's document
    properties (created, modified) and an OCDS package's publishedDate."""
    if name.startswith("xlsx"):
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}
    if name.startswith("contracting"):
        return re.sub(rb'"publishedDate": "[^"]*"', b"", content)
    return content


def _run_queued() -> list[Job]:
    jobs = list(Job.objects.filter(kind=tasks.BUILD, state=JobState.QUEUED))
    for job in jobs:
        assert services.run(job.pk) == JobState.SUCCEEDED, job.error_code
    return jobs


def test_first_download_streams_and_queues_the_build_then_the_file_is_served(client, world):
    first = client.get(URLS["oc4ids"])
    assert first.status_code == 200
    assert "X-Imar-Data-Version" not in first  # nothing built yet: streamed as before
    inline = _body(first)
    [job] = _run_queued()
    assert job.arguments == {"name": "oc4ids", "version": data_version.current()}
    second = client.get(URLS["oc4ids"])
    assert second.status_code == 200
    assert second["X-Imar-Data-Version"] == data_version.current()
    assert "X-Imar-Data-Refreshing" not in second
    assert second["Content-Length"] == str(len(inline))
    assert _body(second) == inline
    assert Job.objects.filter(kind=tasks.BUILD).count() == 1  # served: nothing queued


def test_every_cached_file_is_byte_identical_to_the_inline_download(client, world, settings):
    settings.IMAR_OPEN_DATA_CACHE = False
    inline = {name: _body(client.get(url)) for name, url in URLS.items()}
    settings.IMAR_OPEN_DATA_CACHE = True
    for name, url in URLS.items():
        built = cache.build(name)
        with open(f"{settings.MEDIA_ROOT}/{built.path}", "rb") as stored:
            content = stored.read()
        assert _comparable(name, content) == _comparable(name, inline[name]), name
        served = client.get(url)
        assert served["X-Imar-Data-Version"] == built.version, name
        assert _body(served) == content, name


def test_304_when_the_client_has_the_current_file(client, world):
    cache.build("csv-projects")
    response = client.get(URLS["csv-projects"])
    etag = response["ETag"]
    assert etag.startswith('"') and response["Last-Modified"]
    again = client.get(URLS["csv-projects"], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    since = client.get(URLS["csv-projects"], HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    other = client.get(URLS["csv-projects"], HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


# Real commits: the version is bumped when a transaction commits.
@pytest.mark.django_db(transaction=True)
def test_a_project_made_private_leaves_the_next_download(client, world):
    cache.build("oc4ids")
    ids = [p["id"] for p in json.loads(_body(client.get(URLS["oc4ids"])))["projects"]]
    assert "oc4ids-xxtest-TRP-002" in ids
    before = data_version.current()
    road = world["road"]
    road.is_public = False
    road.save()
    assert data_version.current() != before
    stale = client.get(URLS["oc4ids"])
    # Served at once, one version old, saying it is being refreshed; the build is queued.
    assert stale["X-Imar-Data-Refreshing"] == "1"
    assert stale["Cache-Control"] == "no-cache"
    assert "oc4ids-xxtest-TRP-002" in _body(stale).decode()
    client.get(URLS["oc4ids"])  # asking again queues nothing more
    [job] = _run_queued()
    assert job.arguments["version"] == data_version.current()
    fresh = client.get(URLS["oc4ids"])
    assert "X-Imar-Data-Refreshing" not in fresh
    ids = [p["id"] for p in json.loads(_body(fresh))["projects"]]
    assert "oc4ids-xxtest-TRP-002" not in ids and ids
    assert fresh["ETag"] != stale["ETag"]
    assert CachedExport.objects.filter(name="oc4ids").count() == 2  # the current and the last


@pytest.mark.django_db(transaction=True)
def test_old_files_are_pruned(world, settings):
    for budget in ("1.00", "2.00", "3.00"):
        cache.build("geojson")
        world["road"].budget = budget
        world["road"].save()
    cache.build("geojson")
    kept = list(CachedExport.objects.filter(name="geojson"))
    assert len(kept) == cache.KEEP
    files = list((settings.MEDIA_ROOT / "opendata" / "geojson").iterdir())
    assert sorted(f.name for f in files) == sorted(k.path.rsplit("/", 1)[1] for k in kept)


def test_filtered_downloads_stay_streamed(client, world):
    cache.build("csv-projects")
    response = client.get("/open-data/projects.csv?sector=roads_bridges")
    assert "X-Imar-Data-Version" not in response
    assert b"TRP-002" in _body(response) and b"DRN-001" not in _body(response)
    assert not Job.objects.exists()


def test_nothing_is_cached_without_the_site_address(client, world, settings):
    settings.IMAR_SITE_URL = ""
    client.get(URLS["iati"])
    client.get(URLS["iati"])
    assert not Job.objects.exists() and not CachedExport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_version_bumps_once_per_committed_transaction_and_not_on_rollback(world):
    from django.db import transaction

    from imar.opendata.models import PublicDataVersion

    def number():
        return PublicDataVersion.objects.filter(pk=1).values_list("number", flat=True).first()

    start = number() or 0
    world["road"].save()  # autocommit: at once
    assert number() == start + 1
    with transaction.atomic():
        world["road"].save()
        world["housing"].save()
        world["ministry"].save()
        assert number() == start + 1  # not before the commit
    assert number() == start + 2  # once for the three
    try:
        with transaction.atomic():
            world["road"].save()
            raise RuntimeError
    except RuntimeError:
        pass
    assert number() == start + 2
    with transaction.atomic():
        from imar.feedback.models import Case

        Case.objects.update(status="answered")  # not public data's app: nothing
        world["road"].municipality.save()  # the gazetteer is
    assert number() == start + 3


def test_the_periodic_job_prebuilds_every_download_once(world):
    result = tasks.prebuild_exports_job(lambda *a: None)
    assert sorted(result["built"]) == sorted(cache.TARGETS)
    assert tasks.prebuild_exports_job(lambda *a: None)["built"] == []


def test_open_data_links_do_not_depend_on_the_language_active_at_the_first_export():
    from django.utils import translation

    from imar.opendata import documents

    documents._path_template.cache_clear()
    with translation.override("en"):
        first = documents.project_page_url("P-1", base_url="")
    documents._path_template.cache_clear()
    with translation.override("ar"):
        second = documents.project_page_url("P-1", base_url="")
    assert first == second
    assert not first.startswith("/en/")
