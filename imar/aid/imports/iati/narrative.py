"""`<narrative>`: text in languages. A narrative without `xml:lang` takes the activity's
(or file's) default language; with none anywhere it is kept under "" (unknown)."""

import re

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
MAX_TEXT = 20_000


def clean_text(value: str | None) -> str:
    """Collapsed whitespace, control characters dropped, length capped."""
    if not value:
        return ""
    if not value.isprintable():
        value = _CONTROL.sub("", value)
    return " ".join(value.split())[:MAX_TEXT]


def local(elem) -> str:
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""


def children(elem, name: str) -> list:
    """Direct children named `name` (IATI elements have no namespace). lxml's C iteration:
    `findall` goes through ElementPath, in Python, several times slower."""
    return list(elem.iterchildren(name))


def child(elem, name: str):
    return next(elem.iterchildren(name), None)


def texts(elem, default_lang: str) -> dict[str, str]:
    """{language: text} of the element's narratives (first one per language wins)."""
    out: dict[str, str] = {}
    if elem is None:
        return out
    for narrative in children(elem, "narrative"):
        text = clean_text(narrative.text)
        if not text:
            continue
        lang = (narrative.get(XML_LANG) or default_lang or "").lower()[:8]
        out.setdefault(lang, text)
    return out


def first_text(elem, default_lang: str) -> str:
    found = texts(elem, default_lang)
    for lang in ("en", "ar"):
        if lang in found:
            return found[lang]
    return next(iter(found.values()), "")
