"""`<reporting-org>` and `<participating-org>`: ref, type, role and name."""

from imar.aid.imports.iati.narrative import first_text
from imar.aid.imports.iati.values import code


def reporting_org(elems: list, lang: str) -> dict | None:
    """The first of the activity's `<reporting-org>` elements read, or None."""
    for elem in elems:
        return {
            "ref": code(elem.get("ref"), 200),
            "type": code(elem.get("type"), 4),
            "name": first_text(elem, lang)[:500],
        }
    return None


def participating_orgs(elems: list, lang: str) -> list[dict]:
    """The activity's `<participating-org>` elements read."""
    return [
        {
            "ref": code(elem.get("ref"), 200),
            "role": code(elem.get("role"), 2),
            "type": code(elem.get("type"), 4),
            "name": first_text(elem, lang)[:500],
        }
        for elem in elems
    ]
