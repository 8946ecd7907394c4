"""`<result>` in summary: its type, title and how many indicators it has."""

from imar.aid.imports.iati.narrative import child, children, first_text
from imar.aid.imports.iati.values import code


def results(activity, lang: str) -> list[dict]:
    return [
        {
            "type": code(elem.get("type"), 2),
            "title": first_text(child(elem, "title"), lang)[:300],
            "indicators": len(children(elem, "indicator")),
        }
        for elem in children(activity, "result")
    ]
