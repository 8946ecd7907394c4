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


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_a_citizen_finds_derna_taps_a_project_and_reaches_its_form(
    live_server,
    browser,  # noqa: F811
    world,
):
    page = browser.new_page(
        viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True, locale="ar-LY"
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/public/map/")
    page.wait_for_function("() => document.getElementById('map-count').textContent === '2'")
    # Controls in Arabic; district names drawn on the map.
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "تكبير"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "تصغير"
    page.wait_for_selector(".map-label-district")
    assert page.locator(".map-label-district", has_text="درنه").count() == 1  # the gazetteer's
    # The place search folds spelling: "دَرْنَة" (marks, taa marbuta) finds درنه.
    page.fill("#map-place", "دَرْنَة")
    page.click("#map-search button[type=submit]")
    page.wait_for_selector("#map-search-results button, #map-search-results a")
    assert "درنه" in page.locator("#map-search-results").inner_text()
    # Centre the map on the Derna project (the page exposes its map for tests) and tap it.
    page.evaluate(
        """async () => {
          const points = await (await fetch('/public/map/points.json')).json();
          const p = points.points.find((row) => row[0] === 'DRN-001');
          document.getElementById('project-map').imarMap.setView([p[1], p[2]], 17, {animate: false});
        }"""
    )
    page.wait_for_timeout(500)
    box = page.locator("#project-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    report = page.locator(".map-popup a.map-report")
    report.wait_for()
    href = report.get_attribute("href")
    assert "/public/projects/DRN-001/feedback/?lat=" in href and "&lon=" in href
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "إغلاق"
    report.click()
    page.wait_for_selector("input[name=use_map_point]")
    assert not page.locator("input[name=use_map_point]").is_checked()  # the citizen confirms
    assert errors == []
