"""Signing out of a shared phone leaves no staff page behind: the field form's service worker
caches are emptied by the log-out button, the empty offline queue goes too, and reports still
waiting to be sent are never dropped without asking (a real Chromium)."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]

CACHE_KEYS = "() => caches.keys().then(keys => keys.filter(k => k.startsWith('imar-field-')))"
CACHED_PAGES = (
    "() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)"
    ".then(c => c.keys())))).then(lists => lists.flat().map(r => new URL(r.url).pathname))"
)
QUEUE_EXISTS = "() => indexedDB.databases().then(list => list.some(db => db.name === 'imar-field'))"
QUEUE_SIZE = "() => window.ImarFieldQueue.all().then(items => items.length)"


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


def _field_page_cached(live_server, browser, project):
    """Signed in as the engineer, with the report form kept by the service worker."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", "engineer")
    page.fill("#id_password", "pass-Imar-2026")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    form = f"/portfolio/projects/{project.code}/reports/new/"
    page.goto(f"{live_server.url}{form}")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the worker, which keeps the page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        f"() => ({CACHED_PAGES})().then(paths => paths.includes('{form}'))", polling=200
    )
    assert page.evaluate(CACHE_KEYS)
    return context, page, form


def _log_out(page):
    page.click("form[data-sign-out] button[type=submit]")
    page.wait_for_selector("html[data-signed-in='0']")


@pytest.mark.django_db(transaction=True)
def test_log_out_empties_the_field_caches_and_the_empty_queue(
    live_server, browser, engineer, make_project
):
    project = make_project(title_ar="مدرسة سوسة", title_en="Susah school")
    context, page, _form = _field_page_cached(live_server, browser, project)
    page.wait_for_function(QUEUE_EXISTS)  # the form opened the (empty) queue
    _log_out(page)
    assert page.evaluate(CACHE_KEYS) == []
    assert page.evaluate(CACHED_PAGES) == []
    assert page.evaluate(QUEUE_EXISTS) is False
    context.close()


@pytest.mark.django_db(transaction=True)
def test_reports_waiting_to_be_sent_are_kept_and_the_person_is_asked(
    live_server, browser, engineer, make_project
):
    project = make_project(title_ar="مدرسة سوسة", title_en="Susah school")
    context, page, form = _field_page_cached(live_server, browser, project)
    page.wait_for_function("() => window.ImarFieldQueue !== undefined")
    page.evaluate(
        "() => window.ImarFieldQueue.put({token: 'c0ffee00-0000-4000-8000-000000000001', "
        f"url: '{form}', label: '{project.code}', savedAt: new Date().toISOString(), "
        "entries: [], state: 'waiting'})"
    )
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("form[data-sign-out] button[type=submit]")
    for _ in range(100):
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "waiting to be sent" in asked[0]
    assert page.evaluate("() => document.documentElement.dataset.signedIn") == "1"
    assert page.evaluate(CACHE_KEYS)  # nothing cleared: the person stayed

    page.once("dialog", lambda dialog: dialog.accept())
    _log_out(page)
    assert page.evaluate(CACHE_KEYS) == [] and page.evaluate(CACHED_PAGES) == []
    assert page.evaluate(QUEUE_EXISTS) is True  # the report is still on the phone
    size = page.evaluate(
        "() => new Promise(ok => { const r = indexedDB.open('imar-field'); r.onsuccess = () => "
        "{ const q = r.result.transaction('outbox').objectStore('outbox').count(); "
        "q.onsuccess = () => ok(q.result); }; })"
    )
    assert size == 1
    context.close()
