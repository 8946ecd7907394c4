"""Browser smoke test: a real headless Chromium logs in and opens the project list in Arabic
and English. Screenshots land in var/screenshots/ for a person to look at."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "var" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it",
    ),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM work is done before.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.mark.django_db(transaction=True)
def test_login_and_project_list_in_arabic_and_english(live_server, browser, officer, make_project):
    make_project(title_ar="إعادة إعمار جسر وادي درنة", title_en="Wadi Derna bridge reconstruction")
    make_project(title_ar="مدرسة سوسة الابتدائية", title_en="Sousa primary school")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ar-LY")
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    page.fill("#id_username", "officer")
    page.fill("#id_password", "pass-Imar-2026")
    page.click("main button[type=submit]")
    page.wait_for_url("**/needs/scenarios/**")  # the planning officer's start page
    page.goto(f"{live_server.url}/portfolio/projects/")

    assert page.locator("h1").inner_text() == "المشاريع"
    assert page.get_by_text("إعادة إعمار جسر وادي درنة").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "project-list-ar.png"), full_page=True)

    # Search with a variant spelling (taa marbuta written as haa) through HTMX.
    page.fill("#id_q", "درنه")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert "جسر وادي درنة" in page.locator("#results tbody").inner_text()

    # The language switch keeps the page.
    page.click(".language-switch button")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "/portfolio/projects/" in page.url
    assert page.locator("h1").inner_text() == "Projects"
    assert page.get_by_text("Wadi Derna bridge reconstruction").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "project-list-en.png"), full_page=True)
