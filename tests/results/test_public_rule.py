"""One public rule for results, and every public surface follows it: the public results
page, the anonymous API (indicators, periods, roll-up). First nothing private leaves (a
private project's indicator, a submitted period, a return reason, who reported); then the
rule is flipped and the surfaces follow, so none decides visibility by itself."""

from datetime import date
from decimal import Decimal

import pytest

from imar.results import services
from imar.results.public import PeriodQuerySet

pytestmark = pytest.mark.django_db
SURFACES = [
    "/public/results/",
    "/api/v1/results/indicators/",
    "/api/v1/results/periods/",
    "/api/v1/results/rollup/?by=district",
]
PERIOD_SURFACES = SURFACES[2:]


@pytest.fixture
def world(storm, make_project, make_indicator, report, officer):
    public = make_indicator(project=make_project(), title_en="Public houses")
    period, _ = report(
        public, actual_value=Decimal(4321), narrative_en="OPEN-NARRATIVE", submit=True
    )
    services.period_approve(period=period, by=officer)
    pending, _ = report(
        public,
        start=date(2025, 7, 1),
        end=date(2025, 12, 31),
        actual_value=Decimal(8765),
        narrative_en="SENTINEL-SUBMITTED-7",
        submit=True,
    )
    returned, _ = report(
        public, start=date(2024, 7, 1), end=date(2024, 12, 31), actual_value=Decimal(5), submit=True
    )
    services.period_return(period=returned, by=officer, reason="SENTINEL-REASON-7")
    hidden = make_indicator(project=make_project(is_public=False), title_en="SENTINEL-PRIVATE-7")
    secret, _ = report(hidden, actual_value=Decimal(6543), submit=True)
    services.period_approve(period=secret, by=officer)


def _read(client, paths):
    client.cookies["imar_language"] = "en"
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


SECRETS = (
    "SENTINEL-SUBMITTED-7",
    "SENTINEL-REASON-7",
    "SENTINEL-PRIVATE-7",
    "8765",
    "6543",
    "engineer",
)


def test_nothing_private_reaches_a_public_surface(client, world):
    for path, text in _read(client, SURFACES).items():
        assert not [s for s in SECRETS if s in text], path
    pages = _read(client, SURFACES)
    assert (
        "4,321" in pages["/public/results/"]
        and "OPEN-NARRATIVE" in pages["/api/v1/results/periods/"]
    )


def test_period_surfaces_follow_the_one_rule(client, world, monkeypatch):
    # Flipped: only submitted periods count as public.
    monkeypatch.setattr(
        PeriodQuerySet,
        "public",
        lambda self: self.filter(status="submitted", indicator__project__is_public=True),
    )
    pages = _read(client, PERIOD_SURFACES)
    assert "SENTINEL-SUBMITTED-7" in pages["/api/v1/results/periods/"]
    assert "OPEN-NARRATIVE" not in pages["/api/v1/results/periods/"]
    assert "4321" not in pages["/api/v1/results/rollup/?by=district"]
