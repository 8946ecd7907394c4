"""`<reporting-org>` and `<participating-org>`: ref, type, role and name."""

from imar.aid.imports.iati.narrative import children, first_text
from imar.aid.imports.iati.values import code


def reporting_org(activity, lang: str) -> dict | None:
    for elem in children(activity, "reporting-org"):
        return {
            "ref": code(elem.get("ref"), 200),
            "type": code(elem.get("type"), 4),
            "name": first_text(elem, lang)[:500],
        }
    return None


def participating_orgs(activity, lang: str) -> list[dict]:
    return [
        {
            "ref": code(elem.get("ref"), 200),
            "role": code(elem.get("role"), 2),
            "type": code(elem.get("type"), 4),
            "name": first_text(elem, lang)[:500],
        }
        for elem in children(activity, "participating-org")
    ]
