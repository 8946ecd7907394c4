"""`<document-link>`: only http(s) links are kept (a `javascript:` URL never reaches a page)."""

from imar.aid.imports.iati.narrative import first_text, firsts
from imar.aid.imports.iati.values import code


def documents(elems: list, lang: str) -> list[dict]:
    """The activity's `<document-link>` elements read (http and https links only)."""
    out = []
    for elem in elems:
        url = (elem.get("url") or "").strip()
        if not url.lower().startswith(("http://", "https://")) or len(url) > 1000:
            continue
        first = firsts(elem)
        category = first.get("category")
        out.append(
            {
                "url": url,
                "format": code(elem.get("format"), 100),
                "title": first_text(first.get("title"), lang)[:300],
                "category": code(category.get("code"), 4) if category is not None else "",
            }
        )
    return out
