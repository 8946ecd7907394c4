"""`<location>`: name, point (`pos` is "latitude longitude") and administrative codes.
Placing the point into a district is `imar.aid.places`, not the reader's job."""

from imar.aid.imports.iati.narrative import child, first_text, grouped
from imar.aid.imports.iati.values import code


def _point(point) -> tuple[float, float] | None:
    pos = child(point, "pos") if point is not None else None
    if pos is None or not pos.text:
        return None
    try:
        lat, lon = (float(x) for x in pos.text.split()[:2])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def locations(elems: list, lang: str) -> list[dict]:
    """The activity's `<location>` elements read."""
    out = []
    for location in elems:
        parts = grouped(location)
        point = _point(parts["point"][0] if "point" in parts else None)
        name = parts["name"][0] if "name" in parts else None
        out.append(
            {
                "name": first_text(name, lang)[:300],
                "point": list(point) if point else None,
                "administrative": [
                    {
                        "vocabulary": code(a.get("vocabulary"), 4),
                        "code": code(a.get("code"), 40),
                        "level": code(a.get("level"), 2),
                    }
                    for a in parts.get("administrative", ())
                    if a.get("code")
                ],
            }
        )
    return out
