"""`<narrative>`: text in languages. A narrative without `xml:lang` takes the activity's
(or file's) default language; with none anywhere it is kept under "" (unknown).

The element modules read each element's children in one pass (`for c in elem`, lxml's C
iteration, grouped by tag): `iterchildren(tag)` builds a tag matcher per call and `find`
goes through ElementPath, in Python, and an activity has about thirty children to ask for.
IATI elements have no namespace, so a child counts only when its tag is the plain name
(an extension's `{ns}title` is not a `title`); comments and processing instructions, whose
tags are not strings, never match."""

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


def grouped(elem) -> dict:
    """{tag: [children with that tag, in order]}, in one pass over the children."""
    out: dict = {}
    for node in elem:
        tag = node.tag
        if tag in out:
            out[tag].append(node)
        else:
            out[tag] = [node]
    return out


def firsts(elem) -> dict:
    """{tag: the first child with that tag}, in one pass over the children."""
    out: dict = {}
    for node in elem:
        if node.tag not in out:
            out[node.tag] = node
    return out


def children(elem, name: str) -> list:
    """Direct children named `name`."""
    return [node for node in elem if node.tag == name]


def child(elem, name: str):
    for node in elem:
        if node.tag == name:
            return node
    return None


def texts(elem, default_lang: str) -> dict[str, str]:
    """{language: text} of the element's narratives (first one per language wins)."""
    out: dict[str, str] = {}
    if elem is None:
        return out
    for narrative in elem:
        if narrative.tag != "narrative":
            continue
        text = clean_text(narrative.text)
        if not text:
            continue
        lang = (narrative.get(XML_LANG) or default_lang or "").lower()[:8]
        if lang not in out:
            out[lang] = text
    return out


def first_text(elem, default_lang: str) -> str:
    """The English narrative, else the Arabic one, else the first one (any language)."""
    if elem is None:
        return ""
    found = texts(elem, default_lang)
    if not found:
        return ""
    if "en" in found:
        return found["en"]
    if "ar" in found:
        return found["ar"]
    return next(iter(found.values()))
