"""Language in the address: /ar/… and /en/… for every page, Arabic at the unprefixed address,
the switch keeping the page, hreflang alternates, and the addresses that have no language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from imar.core.languages import language_path, split_prefix

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def lang_of(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def links(response) -> list[str]:
    return re.findall(r'href="(/[^"]*)"', response.content.decode())


def test_split_and_translate_addresses():
    assert split_prefix("/en/forum/x/") == ("en", "/forum/x/")
    assert split_prefix("/ar/") == ("ar", "/")
    assert split_prefix("/en") == ("en", "/")
    assert split_prefix("/entries/") == (None, "/entries/")
    assert language_path("/forum/x/", "en") == "/en/forum/x/"
    assert language_path("/en/forum/x/", "ar") == "/forum/x/"
    assert language_path("/ar/forum/x/", "en") == "/en/forum/x/"
    # Addresses without a language stay as they are.
    assert language_path("/open-data/projects.csv", "en") == "/open-data/projects.csv"
    assert language_path("/api/v1/public/", "en") == "/api/v1/public/"


def test_each_page_answers_at_three_addresses(client, make_project):
    project = make_project(title_ar="مدرسة درنة", title_en="Derna school")
    path = f"/public/projects/{project.code}/"
    arabic, english, unprefixed = (client.get(p) for p in (f"/ar{path}", f"/en{path}", path))
    assert [r.status_code for r in (arabic, english, unprefixed)] == [200, 200, 200]
    assert (lang_of(arabic), lang_of(english), lang_of(unprefixed)) == ("ar", "en", "ar")
    assert "Derna school" in english.content.decode()
    assert "مدرسة درنة" in arabic.content.decode()


def test_english_pages_link_to_english_addresses_and_arabic_pages_to_unprefixed(client):
    english = links(client.get("/en/public/projects/"))
    pages = [link for link in english if not link.startswith(("/static/", "/open-data/", "/api/"))]
    assert pages and all(link.startswith("/en/") for link in pages), pages
    arabic = links(client.get("/ar/public/projects/"))
    assert not [link for link in arabic if link.startswith("/en/")]
    assert "/public/projects/" in arabic


def test_reverse_in_an_english_request_is_prefixed_but_not_the_api_or_open_data():
    with translation.override("en"):
        assert reverse("portal:project_list") == "/en/public/projects/"
        assert reverse("opendata:index") == "/open-data/"
        assert reverse("api-docs") == "/api/v1/docs/"
        assert reverse("set_language") == "/i18n/setlang/"
        assert reverse("admin:index") == "/admin/"
    with translation.override("ar"):
        assert reverse("portal:project_list") == "/public/projects/"


def test_unprefixed_pages_follow_the_cookie_as_before(client):
    assert lang_of(client.get("/public/projects/")) == "ar"
    client.cookies["imar_language"] = "en"
    response = client.get("/public/projects/", **ENGLISH_BROWSER)
    assert response.status_code == 200 and lang_of(response) == "en"
    assert "/en/public/projects/" in links(response)
    # The address wins over the cookie.
    assert lang_of(client.get("/ar/public/projects/")) == "ar"


def test_a_browser_without_arabic_is_sent_to_the_english_address(client):
    response = client.get("/public/projects/?sector=housing", **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/en/public/projects/?sector=housing"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    # Arabic anywhere in the list, no header at all, or a cookie: the Arabic page, as before.
    for header in ("en-US,en;q=0.9,ar;q=0.5", "ar-LY", ""):
        response = client.get("/public/projects/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200 and lang_of(response) == "ar", header
    client.cookies["imar_language"] = "ar"
    assert client.get("/public/projects/", **ENGLISH_BROWSER).status_code == 200
    # A form sent to the unprefixed address is never redirected (its body would be lost).
    assert client.post("/public/projects/", **ENGLISH_BROWSER).status_code != 302


def test_unprefixed_addresses_are_never_redirected_or_prefixed(client):
    for path in ("/open-data/", "/api/v1/public/projects/", "/admin/login/"):
        assert client.get(path, **ENGLISH_BROWSER).status_code == 200, path
    assert client.get("/en/api/v1/public/projects/").status_code == 404
    assert client.get("/en/open-data/projects.csv").status_code == 404


def test_the_api_still_honours_accept_language(client):
    response = client.get("/api/v1/regions/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    response = client.get("/api/v1/regions/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Language"] == "ar"


def test_hreflang_alternates_name_every_language_and_the_default(client):
    html = client.get("/en/public/projects/?page=1").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {
        "ar": "http://testserver/ar/public/projects/?page=1",
        "en": "http://testserver/en/public/projects/?page=1",
        "x-default": "http://testserver/public/projects/?page=1",
    }


def test_the_switch_keeps_the_page_and_remembers_the_choice(client):
    html = client.get("/public/projects/?q=x").content.decode()
    assert 'name="next" value="/en/public/projects/?q=x"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/public/projects/?q=x"})
    assert response.status_code == 302 and response["Location"] == "/en/public/projects/?q=x"
    assert client.cookies["imar_language"].value == "en"
    html = client.get("/en/public/projects/").content.decode()
    assert 'name="next" value="/public/projects/"' in html
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/public/projects/"})
    assert response["Location"] == "/public/projects/"
    assert client.cookies["imar_language"].value == "ar"
    assert lang_of(client.get("/public/projects/", **ENGLISH_BROWSER)) == "ar"


def test_staff_login_redirects_keep_the_language(client):
    response = client.get("/en/portfolio/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/portfolio/projects/")
    assert client.get("/portfolio/projects/")["Location"].startswith("/accounts/login/")
