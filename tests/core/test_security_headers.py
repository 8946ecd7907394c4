"""Every page carries the strict Content Security Policy, and the referrer and opener
policies; HSTS and the proxy's HTTPS header follow the IMAR_* settings."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from imar.core.csp import content_security_policy, tile_source
from tests.core.test_settings import _import_settings

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/public/map/",
        "/accounts/login/",
        "/forum/",
        "/api/v1/docs/",
        "/admin/login/",
        "/no-such-page/",
    ],
)
def test_public_pages_carry_the_strict_policy(client, db, url):
    response = client.get(url)
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == STRICT
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_pages_and_htmx_fragments_carry_it_too(staff_client):
    for url in (reverse("portfolio:project_list"), reverse("monitoring:dashboard")):
        assert parse_policy(staff_client.get(url)["Content-Security-Policy"]) == STRICT
    fragment = staff_client.get(reverse("portfolio:project_list"), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert parse_policy(fragment["Content-Security-Policy"]) == STRICT


def test_api_docs_page_has_no_inline_script_or_style(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts), scripts
    init = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(init)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("", None),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("https://tiles.fund.ly/{z}/{x}/{y}.png", "https://tiles.fund.ly"),
        ("http://{s}.tiles.lan:8080/{z}/{x}/{y}.png", "http://*.tiles.lan:8080"),
        ("//tiles.lan/{z}/{x}/{y}.png", "tiles.lan"),
        ("https://user@tiles.lan/{z}/{x}/{y}.png", "https://tiles.lan"),
    ],
)
def test_tile_source(url, source):
    assert tile_source(url) == source


@pytest.mark.parametrize(
    "url", ["ftp://tiles.lan/{z}.png", "https://tiles.{s}.lan/{z}.png", "https://t.lan:{p}/"]
)
def test_tile_source_refuses_what_a_policy_cannot_say(url):
    with pytest.raises(ValueError, match="IMAR_MAP_TILE_URL"):
        tile_source(url)


def test_the_tile_host_is_allowed_for_images_only():
    policy = content_security_policy(tile_url="https://{s}.tiles.fund.ly/{z}/{x}/{y}.png")
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.fund.ly"]
    assert {k: v for k, v in policy.items() if k != "img-src"} == {
        k: v for k, v in STRICT.items() if k != "img-src"
    }


def _setting(expression: str, **env) -> str:
    """A settings value as a fresh process with these IMAR_* variables computes it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
    environment.update(env)
    code = f"import imar.settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


PRODUCTION = {"IMAR_DEBUG": "false", "IMAR_SECRET_KEY": "x" * 50, "IMAR_AUDIT_KEY": "k" * 64}


def test_hsts_is_on_in_production_once_https_is_declared():
    assert _setting("s.SECURE_HSTS_SECONDS", **PRODUCTION, IMAR_HTTPS="true") == "31536000"
    assert _setting("s.SECURE_HSTS_SECONDS", **PRODUCTION) == "0"
    assert _setting("s.SECURE_HSTS_SECONDS", IMAR_HTTPS="true") == "0"  # the demo (debug)
    assert (
        _setting(
            "(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
            **PRODUCTION,
            IMAR_HTTPS="true",
            IMAR_HSTS_SECONDS="600",
            IMAR_HSTS_INCLUDE_SUBDOMAINS="false",
            IMAR_HSTS_PRELOAD="true",
        )
        == "(600, False, True)"
    )


def test_the_proxy_https_header_is_trusted_only_when_configured():
    assert _setting("hasattr(s, 'SECURE_PROXY_SSL_HEADER')") == "False"
    assert (
        _setting("s.SECURE_PROXY_SSL_HEADER", IMAR_PROXY_SSL_HEADER="X-Forwarded-Proto")
        == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_a_tile_url_the_policy_cannot_allow_stops_the_server():
    result = _import_settings(IMAR_MAP_TILE_URL="ftp://tiles.lan/{z}/{x}/{y}.png")
    assert result.returncode != 0 and "IMAR_MAP_TILE_URL" in result.stderr


def test_hsts_header_is_sent_on_https_requests(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")
