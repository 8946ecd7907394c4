"""`<sector>` and `<recipient-country>` with their percentages."""

from imar.aid.imports.iati.mappers.sectors import fund_sector
from imar.aid.imports.iati.narrative import first_text
from imar.aid.imports.iati.values import code, percentage


def sectors(elems: list, lang: str) -> list[dict]:
    """The activity's `<sector>` elements read."""
    out = []
    for elem in elems:
        vocabulary = code(elem.get("vocabulary"), 4) or "1"  # DAC 5-digit is the default
        value = code(elem.get("code"), 40)
        if not value:
            continue
        out.append(
            {
                "vocabulary": vocabulary,
                "code": value,
                "percentage": percentage(elem.get("percentage")),
                "name": first_text(elem, lang)[:200],
                "sector": fund_sector(vocabulary, value),
            }
        )
    return out


def recipient_countries(elems: list) -> list[dict]:
    """The activity's `<recipient-country>` elements read."""
    return [
        {
            "code": code(elem.get("code"), 2).upper(),
            "percentage": percentage(elem.get("percentage")),
        }
        for elem in elems
        if elem.get("code")
    ]
