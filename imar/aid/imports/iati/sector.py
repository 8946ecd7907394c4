"""`<sector>` and `<recipient-country>` with their percentages."""

from imar.aid.imports.iati.mappers.sectors import fund_sector
from imar.aid.imports.iati.narrative import children, first_text
from imar.aid.imports.iati.values import code, percentage


def sectors(activity, lang: str) -> list[dict]:
    out = []
    for elem in children(activity, "sector"):
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


def recipient_countries(activity) -> list[dict]:
    return [
        {
            "code": code(elem.get("code"), 2).upper(),
            "percentage": percentage(elem.get("percentage")),
        }
        for elem in children(activity, "recipient-country")
        if elem.get("code")
    ]
