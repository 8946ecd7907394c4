"""`<narrative>`: text in languages. A narrative without `xml:lang` takes the activity's
(or file's) default language; with none anywhere it is kept under "" (unknown)."""

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TEXT = 20_000


def clean_text(value: str | None) -> str:
    """Collapsed whitespace, control characters dropped, length capped."""
    if not value:
        return ""
    value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return " ".join(value.split())[:MAX_TEXT]


def local(elem) -> str:
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""


def children(elem, name: str) -> list:
    return [child for child in elem if local(child) == name]


def child(elem, name: str):
    for c in elem:
        if local(c) == name:
            return c
    return None


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
