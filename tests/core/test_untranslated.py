"""No English on Arabic pages: every page of the permission matrix's world (tests/accounts),
rendered in Arabic as a role that may read it, has no Latin-only word in its visible text
outside data that is Latin by nature (codes, acronyms, Latin names in <bdi>, units, formats).

A finding names the page and the words; fix it by translating the label, or by showing a raw
value (`False`, `draft`, `mou`, `scheduled`…) through its display label.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.accounts.matrix_table import ADMIN, ANYONE
from tests.accounts.test_permission_matrix import _pages, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# Roles tried in this order: the first one the matrix lets read a page renders it.
READERS = "XOUFEPA"
# Elements whose text is not prose of the page: scripts, styles, and text marked as data
# (isolated names and codes, code samples, another language's text).
SKIPPED_ELEMENTS = {
    "head", "script", "style", "template", "noscript", "code", "kbd", "samp", "pre", "bdi",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Words that are Latin in Arabic too: file formats, standards, units, the product's names.
ALLOWED = {
    "csv", "xlsx", "xls", "json", "geojson", "xml", "pdf", "ics", "jpeg", "png", "api",
    "iati", "ocds", "oc4ids", "openapi", "redoc", "swagger", "imar", "leaflet",
    "openstreetmap", "km", "kg", "m²", "ha", "cc", "by", "odbl", "lyd", "usd", "eur",
    "html", "url", "https", "http", "www", "totp", "otp", "qr", "sha", "id",
    # Products named in instructions, and the map data's source (Natural Earth).
    "excel", "libreoffice", "windows", "google", "microsoft", "authenticator", "aegis",
    "freeotp", "natural", "earth",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


class VisibleText(HTMLParser):
    """The text a person reads, without the parts that are data or another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        skipped = (
            (self.stack and self.stack[-1])
            or tag in SKIPPED_ELEMENTS
            or (attrs.get("lang") not in (None, "ar"))
            or "visually-hidden" in (attrs.get("class") or "")
            or attrs.get("hidden") is not None
            or attrs.get("translate") == "no"
        )
        self.stack.append(bool(skipped))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def data_words() -> set[str]:
    """Latin words of the world's own free text (names, titles, notes typed in English):
    data, not labels. Fields with choices are left out: their raw values must never show."""
    from django.apps import apps
    from django.db import models

    words = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields or model._meta.app_label in ("sessions", "admin", "contenttypes"):
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                words.update(w.lower() for w in WORD.findall(value or ""))
    return words


def latin_words(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """Latin-only words not allowed: acronyms and codes (all capitals, with digits) pass."""
    # Emails, links, domain names and codes with digits are data.
    text = re.sub(
        r"`[^`]*`|\S+@\S+|https?://\S+|[\w.-]+\.(?:org|com|net|ly|int|io|guide)\b|\b\w*\d\w*\b",
        " ",
        text,
    )
    words = []
    for word in WORD.findall(text):
        if word.isupper() or word.lower() in ALLOWED or word.lower() in allowed:
            continue
        words.append(word)
    return words


def _in_context(text: str, word: str) -> str:
    at = re.search(rf"\b{re.escape(word)}\b", text)
    start = at.start() if at else 0
    return f"{word} «{text[max(0, start - 40) : start + 40]}»"


def _reader(row) -> str | None:
    if row is ADMIN:
        return None
    if row.read == ANYONE:
        return "A"
    return next((role for role in READERS if role in row.read), None)


def test_latin_word_finder():
    assert latin_words("المشاريع draft False مسودة") == ["draft", "False"]
    assert latin_words("DRN-001 · USD · CSV · 2025-06-08 · a@b.ly · https://x.y/z") == []
    parsed = _visible_text(
        '<body><p>مرحبا <bdi>Derna school</bdi> <span lang="en">English</span>'
        "<script>var x</script> <code>curl</code> held</p></body>"
    )
    assert latin_words(parsed) == ["held"]


def test_arabic_pages_have_no_untranslated_words(world):  # noqa: F811
    clients: dict[str, Client] = {}
    findings: dict[str, list[str]] = {}
    pages, known = 0, data_words()
    for key, url, row in _pages(world):
        role = _reader(row)
        if role is None or key.startswith(("opendata:", "api")) or key == "media":
            continue
        client = clients.get(role)
        if client is None:
            client = clients[role] = Client()
            client.cookies["imar_language"] = "ar"
            if world.users[role] is not None:
                client.force_login(world.users[role])
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        text = " ".join(_visible_text(response.content.decode()).split())
        words = latin_words(text, known)
        if words:
            findings[f"{url} ({key})"] = [_in_context(text, word) for word in sorted(set(words))]
    assert pages > 100, pages
    report = "\n".join(f"{page}: {' | '.join(words)}" for page, words in sorted(findings.items()))
    assert not findings, f"Latin words on {len(findings)} Arabic pages:\n{report}"
