"""The site's own 403/404/500 pages: in its layout, in the visitor's language, never Django's
bare or technical pages (the demo included: those need the developer's IMAR_DEBUG_PAGES)."""

import subprocess
import sys

import pytest
from django.utils import translation

from imar.core import errors


@pytest.mark.parametrize(("lang", "title"), [("ar", "الصفحة غير موجودة"), ("en", "Page not found")])
def test_404_is_styled_and_translated(client, db, settings, lang, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert title in body
    assert 'class="navbar' in body  # the site's layout, not Django's bare page
    assert "Technical" not in body and "URLconf" not in body


def test_403_is_styled_for_a_signed_in_outsider(client, outsider, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(outsider)
    response = client.get("/portfolio/dashboard/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Not allowed" in body and "Go to my start page" in body


def test_api_errors_keep_their_json_shape(client, db):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_500_page_is_the_sites_own_in_the_visitors_language(rf, db):
    request = rf.get("/somewhere/")
    with translation.override("ar"):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "حدث خطأ" in response.content.decode()


def test_500_page_still_answers_when_the_layout_cannot_render(rf, db, monkeypatch):
    """The error may come from the database or a context processor: a plain page then."""
    real = errors.loader.render_to_string

    def failing(template, context=None, request=None):
        if template == "500.html":
            raise RuntimeError("the database is down")
        return real(template, context, request=request)

    monkeypatch.setattr(errors.loader, "render_to_string", failing)
    with translation.override("en"):
        response = errors.server_error(rf.get("/x/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def _debug_in_a_fresh_process(env: dict) -> str:
    code = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','imar.settings');"
    code += "from django.conf import settings; print(settings.DEBUG, settings.IMAR_DEBUG)"
    clean = {k: v for k, v in __import__("os").environ.items() if not k.startswith("IMAR_DEBUG")}
    out = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )
    return out.stdout.strip()


def test_the_demo_does_not_show_technical_pages_unless_a_developer_asks():
    assert _debug_in_a_fresh_process({}) == "False True"
    assert _debug_in_a_fresh_process({"IMAR_DEBUG_PAGES": "true"}) == "True True"
