"""`<result>` in summary: its type, title and how many indicators it has."""

from imar.aid.imports.iati.narrative import first_text, grouped
from imar.aid.imports.iati.values import code


def results(elems: list, lang: str) -> list[dict]:
    """The activity's `<result>` elements read."""
    out = []
    for elem in elems:
        parts = grouped(elem)
        out.append(
            {
                "type": code(elem.get("type"), 2),
                "title": first_text(parts["title"][0] if "title" in parts else None, lang)[:300],
                "indicators": len(parts.get("indicator", ())),
            }
        )
    return out
