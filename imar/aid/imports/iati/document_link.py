"""`<document-link>`: only http(s) links are kept (a `javascript:` URL never reaches a page)."""

from imar.aid.imports.iati.narrative import child, children, first_text
from imar.aid.imports.iati.values import code


def documents(activity, lang: str) -> list[dict]:
    out = []
    for elem in children(activity, "document-link"):
        url = (elem.get("url") or "").strip()
        if not url.lower().startswith(("http://", "https://")) or len(url) > 1000:
            continue
        category = child(elem, "category")
        out.append(
            {
                "url": url,
                "format": code(elem.get("format"), 100),
                "title": first_text(child(elem, "title"), lang)[:300],
                "category": code(category.get("code"), 4) if category is not None else "",
            }
        )
    return out
