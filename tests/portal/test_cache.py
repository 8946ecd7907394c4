"""Cached public pages (imar.core.public_version): the portal home, district, sector and
partner pages are built once per public data version; a hit runs no query, and any public
change (here a project made private) drops every one of them at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imar.core import public_version

pytestmark = pytest.mark.django_db


def _pages(world):
    return {
        "home": reverse("portal:home"),
        "district": reverse("portal:district_detail", args=["LY-DR"]),
        "sector": reverse("portal:sector_detail", args=["housing"]),
        "partner": reverse("portal:partner_detail", args=[world["ministry"].pk]),
    }


def _shows_housing(response) -> bool:
    if "figures" in response.context and "people_served" in response.context["figures"]:
        return response.context["figures"]["people_served"] == 1200  # home: DRN-001's people
    return "DRN-001" in response.content.decode()


def _queries(call) -> list[str]:
    """The statements `call` runs, less the request transaction's savepoints."""
    with CaptureQueriesContext(connection) as context:
        call()
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_a_hit_runs_no_query_and_a_private_project_vanishes_everywhere_at_once(
    client, world, django_capture_on_commit_callbacks
):
    pages = _pages(world)
    for name, url in pages.items():
        responses = []
        misses = _queries(lambda url=url, responses=responses: responses.append(client.get(url)))
        assert len(misses) > 3, name  # the first request does the work
        assert responses[0].status_code == 200 and _shows_housing(responses[0]), name
    for name, url in pages.items():
        responses = []
        # A hit: every figure, row and name from the cache, not one query.
        hit = _queries(lambda url=url, responses=responses: responses.append(client.get(url)))
        assert hit == [], name
        assert responses[0].status_code == 200 and _shows_housing(responses[0]), name
    # English pages are cached apart (names and labels in the page's language).
    assert "Derna" in client.get("/en" + pages["district"]).content.decode()

    housing = world["housing"]
    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        housing.is_public = False
        housing.save()
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200 and not _shows_housing(response), name
    # The road stays where it was (the home still counts it).
    assert client.get(pages["home"]).context["figures"]["totals"]["projects"] == 1


def test_the_version_moves_on_commit_only(db, django_capture_on_commit_callbacks, make_project):
    before = public_version.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_project()
    assert public_version.current() == before  # not yet committed: nobody caches old rows anew
    for callback in callbacks:
        callback()
    assert public_version.current() > before


def test_unwatched_writes_keep_the_cache(db, django_capture_on_commit_callbacks, officer):
    before = public_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        officer.first_name = "Changed"
        officer.save()
    assert public_version.current() == before


def test_unknown_pages_are_still_404(client, world):
    assert client.get(reverse("portal:district_detail", args=["LY-XX"])).status_code == 404
    assert (
        client.get(reverse("portal:partner_detail", args=[world["secret_org"].pk])).status_code
        == 404
    )
    # A page number past the end shows the last page, as before.
    url = reverse("portal:sector_detail", args=["housing"])
    assert client.get(url, {"page": "99"}).status_code == 200
