"""`<budget>`: type, period and value."""

from imar.aid.imports.iati.narrative import firsts
from imar.aid.imports.iati.values import code, decimal, iso_date


def budgets(elems: list, default_currency: str) -> list[dict]:
    """The activity's `<budget>` elements read (those with a readable value)."""
    out = []
    for elem in elems:
        first = firsts(elem)
        value_elem = first.get("value")
        value = decimal(value_elem.text) if value_elem is not None else None
        if value is None:
            continue
        start, end = first.get("period-start"), first.get("period-end")
        out.append(
            {
                "type": code(elem.get("type"), 2) or "1",
                "start": str(iso_date(start.get("iso-date")) or "") if start is not None else "",
                "end": str(iso_date(end.get("iso-date")) or "") if end is not None else "",
                "value": str(value),
                "currency": code(value_elem.get("currency"), 3).upper() or default_currency,
            }
        )
    return out
