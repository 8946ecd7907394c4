"""The field form offline, in a real Chromium: the report is kept on the phone, listed as
waiting, sent when the connection returns, and a resend of it makes no second report."""

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from imar.monitoring.models import ProgressReport

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _photo(tmp_path) -> str:
    path = tmp_path / "site.jpg"
    Image.new("RGB", (120, 90), (30, 120, 60)).save(path, format="JPEG")
    return str(path)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.django_db(transaction=True)
def test_offline_report_is_kept_then_sent_once(
    live_server, browser, engineer, make_project, tmp_path, language
):
    project = make_project(title_ar="مدرسة سوسة", title_en="Susah school")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": "imar_language", "value": language, "domain": host, "path": "/"}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "engineer")
    page.fill("#id_password", "pass-Imar-2026")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/portfolio/projects/{project.code}/reports/new/")
    page.wait_for_function("() => window.ImarFieldQueue !== undefined")
    assert page.locator("link[rel=manifest]").count() == 1

    context.set_offline(True)
    page.fill("#id_report_date", "2025-04-01")
    page.fill("#id_physical_percent", "40")
    page.set_input_files("#photo_0", _photo(tmp_path))
    page.fill("#caption_0", "north wall")
    page.click("button[name=submit]")
    page.wait_for_selector("#send-status.offline-saved")
    page.wait_for_function("() => document.querySelectorAll('#offline-queue li').length === 1")
    assert page.locator("#offline-queue").is_visible()
    assert project.code in page.locator("#offline-queue li").inner_text()
    assert ProgressReport.objects.count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"field-offline-queue-{language}.png"), full_page=True)
    kept = page.evaluate(
        "() => window.ImarFieldQueue.all().then(items => { window.kept = items; "
        "return items.map(i => ({token: i.token, state: i.state})); })"
    )
    assert len(kept) == 1 and kept[0]["state"] == "waiting"

    context.set_offline(False)  # the "online" event sends what waits
    page.wait_for_function("() => document.querySelectorAll('#offline-queue li').length === 0")
    report = ProgressReport.objects.get()
    assert str(report.client_token) == kept[0]["token"] and report.status == "submitted"
    assert list(report.photos.values_list("caption", flat=True)) == ["north wall"]

    # The same report sent again (an answer lost on the way): still one report.
    page.evaluate(
        "() => window.ImarFieldQueue.put(window.kept[0]).then(window.ImarFieldQueue.flush)"
    )
    page.wait_for_function("() => document.querySelectorAll('#offline-queue li').length === 0")
    assert ProgressReport.objects.count() == 1 and report.photos.count() == 1
    context.close()


@pytest.mark.django_db(transaction=True)
def test_service_worker_and_manifest_are_served_from_the_site(client):
    worker = client.get("/field-sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    body = worker.content.decode()
    assert "/static/monitoring/field_offline.js" in body and "http" not in body.split("*/", 1)[1]
    manifest = client.get("/field.webmanifest").json()
    assert manifest["start_url"] == "/portfolio/reports/" and manifest["display"] == "standalone"
    assert all(icon["src"].startswith("/static/") for icon in manifest["icons"])
