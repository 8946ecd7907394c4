"""The map in a real headless Chromium: district polygons and public points draw, with no
script errors, and a private project never reaches the page."""

import os

import pytest

from tests.test_browser import CHROMIUM, browser  # noqa: F401  (the shared browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.mark.django_db(transaction=True)
def test_map_draws_districts_and_public_points_only(live_server, browser, world):  # noqa: F811
    page = browser.new_page(viewport={"width": 1000, "height": 800}, locale="ar-LY")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with page.expect_response("**/public/map/districts.geojson") as districts:
        page.goto(f"{live_server.url}/public/map/")
    assert len(districts.value.json()["features"]) == 22
    page.wait_for_function("() => document.getElementById('map-count').textContent === '2'")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Polygons and points are drawn on a canvas (fast with many points); one legend per sector.
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert page.locator("#map-legend .legend-item").count() == 16
    page.select_option("#map-colour", "status")
    assert page.locator("#map-legend .legend-item").count() == 8
    page.select_option("#map-sector", "roads_bridges")
    page.wait_for_function("() => document.getElementById('map-count').textContent === '1'")
    assert "SENTINEL" not in page.content()
    assert errors == []
