"""One public rule per model, and every public surface follows it.

The sentinel world (tests/opendata/conftest.py) holds a private project, draft, submitted and
returned reports and a confidential agreement. These tests read every public door: portal
pages, the map, the public API, every export format, the anonymous staff API and the forum's
showcase (page and API). First none of the private rows leaves; then each model's `.public()`
is flipped (the private rows become the public ones) and every surface follows, which shows
that no surface decides visibility by itself.
"""

from datetime import date

import pytest

from imar.forum.models import Event, Showcase
from imar.monitoring.public import ProgressReportQuerySet
from imar.partners.public import AgreementQuerySet
from imar.portfolio.public import ProjectQuerySet
from tests.opendata.conftest import world  # noqa: F401  (the shared world with sentinels)

PROJECT_SURFACES = [
    "/public/projects/",
    "/public/map/points.json",
    "/public/search/?q=SENTINEL",
    "/api/v1/public/projects/",
    "/api/v1/projects/",  # the staff API, read anonymously
    "/open-data/projects.xml",
    "/open-data/projects.json",
    "/open-data/projects.csv",
    "/open-data/projects.geojson",
    "/open-data/projects.csv?kind=transactions",
    "/forum/lyam-2027/showcase/",
    "/api/v1/forum/showcase/",
]
REPORT_SURFACES = [
    "/public/projects/DRN-001/",
    "/api/v1/public/reports/",
    "/api/v1/progress-reports/",
]
AGREEMENT_SURFACES = [
    "/public/projects/DRN-001/",
    "/api/v1/public/agreements/",
    "/api/v1/agreements/",
]


@pytest.fixture
def showcased(world):  # noqa: F811
    event = Event.objects.create(
        slug="lyam-2027",
        name_ar="منتدى",
        name_en="Forum",
        city_ar="بنغازي",
        city_en="Benghazi",
        starts_on=date(2027, 5, 11),
        ends_on=date(2027, 5, 12),
    )
    for key in ("housing", "private"):
        Showcase.objects.create(event=event, project=world[key])
    return world


def _read_all(client, paths) -> dict[str, str]:
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[path] = body.decode()
    return pages


@pytest.mark.django_db
def test_private_project_reaches_no_surface(client, showcased):
    for path, text in _read_all(client, PROJECT_SURFACES).items():
        assert "SENT-PRIV" not in text, path
        if "search" not in path:
            assert "DRN-001" in text, path


@pytest.mark.django_db
def test_every_project_surface_follows_the_one_rule(client, showcased, monkeypatch):
    # Flipped: only the private project counts as public.
    monkeypatch.setattr(ProjectQuerySet, "public", lambda self: self.filter(is_public=False))
    for path, text in _read_all(client, PROJECT_SURFACES).items():
        assert "DRN-001" not in text, path
        assert "SENT-PRIV" in text, path


@pytest.mark.django_db
def test_draft_reports_reach_no_surface_until_the_rule_says_so(client, world, monkeypatch):  # noqa: F811
    for path, text in _read_all(client, REPORT_SURFACES).items():
        assert "SENTINEL-DRAFT-7" not in text, path
        assert "SENTINEL-RETURNED-7" not in text, path
    # Flipped: drafts are the public reports.
    monkeypatch.setattr(ProgressReportQuerySet, "public", lambda self: self.filter(status="draft"))
    for path, text in _read_all(client, REPORT_SURFACES).items():
        assert "SENTINEL-DRAFT-7" in text, path
        assert "Walls rising" not in text, path


@pytest.mark.django_db
def test_confidential_agreement_reaches_no_surface_until_the_rule_says_so(
    client,
    world,  # noqa: F811
    monkeypatch,
):
    # Pages show an agreement by its title (Arabic by default), the API by its reference too.
    public, confidential = (
        ("AGR-PUB-1", "عقد تنفيذ حي البلاد"),
        ("SENTINEL-CONFIDENTIAL-7", "مذكرة سرية"),
    )
    for path, text in _read_all(client, AGREEMENT_SURFACES).items():
        assert not any(mark in text for mark in confidential), path
        assert any(mark in text for mark in public), path
    monkeypatch.setattr(AgreementQuerySet, "public", lambda self: self.filter(is_public=False))
    for path, text in _read_all(client, AGREEMENT_SURFACES).items():
        assert any(mark in text for mark in confidential), path
        assert not any(mark in text for mark in public), path
