"""Vendored assets: the icon font is linked and has every icon the templates use; the PDF
font stays on the server (package data, not static files)."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from imar.forum.agenda import FONT_PATH

IMAR_DIR = Path(__file__).resolve().parents[2] / "imar"
ICONS_CSS = "vendor/bootstrap-icons/font/bootstrap-icons.min.css"
ICON_CLASS = re.compile(r"""class=["'][^"']*\bbi (bi-[a-z0-9-]+)""")


def test_pages_link_the_vendored_icon_stylesheet(client, db):
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="/static/{ICONS_CSS}"' in page
    assert finders.find(ICONS_CSS)


def test_every_icon_a_template_uses_is_in_the_icon_font():
    css = Path(finders.find(ICONS_CSS)).read_text()
    used = {
        icon: template.relative_to(IMAR_DIR)
        for template in IMAR_DIR.glob("*/templates/**/*.html")
        for icon in ICON_CLASS.findall(template.read_text())
    }
    assert {"bi-lock", "bi-plus-lg"} <= set(used)
    assert [
        f"{icon} ({where})" for icon, where in used.items() if f".{icon}::before" not in css
    ] == []


def test_pdf_font_is_package_data_with_its_licence_and_not_a_static_file():
    assert FONT_PATH.is_file()
    assert FONT_PATH.is_relative_to(IMAR_DIR / "core/fonts")
    assert (FONT_PATH.parents[1] / "LICENSE").is_file()
    served = [
        path
        for finder in finders.get_finders()
        for path, storage in finder.list(ignore_patterns=[])
        if Path(storage.path(path)).is_relative_to(IMAR_DIR) and path.endswith((".ttf", ".otf"))
    ]
    assert served == []  # the browser's fonts are woff/woff2; a TTF here is a server font


def test_every_page_links_the_site_icon_from_static(client, db):
    # Without a linked icon every browser asks for /favicon.ico, a 404 on every page.
    for name in ("portal:home", "accounts:login"):
        page = client.get(reverse(name)).content.decode()
        assert 'rel="icon" href="/static/core/favicon.svg"' in page, name
    icon = finders.find("core/favicon.svg")
    assert icon and Path(icon).read_text().startswith("<svg")
