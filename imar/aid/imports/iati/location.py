"""`<location>`: name, point (`pos` is "latitude longitude") and administrative codes.
Placing the point into a district is `imar.aid.places`, not the reader's job."""

from imar.aid.imports.iati.narrative import child, children, first_text
from imar.aid.imports.iati.values import code


def _point(location) -> tuple[float, float] | None:
    point = child(location, "point")
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


def locations(activity, lang: str) -> list[dict]:
    out = []
    for location in children(activity, "location"):
        point = _point(location)
        out.append(
            {
                "name": first_text(child(location, "name"), lang)[:300],
                "point": list(point) if point else None,
                "administrative": [
                    {
                        "vocabulary": code(a.get("vocabulary"), 4),
                        "code": code(a.get("code"), 40),
                        "level": code(a.get("level"), 2),
                    }
                    for a in children(location, "administrative")
                    if a.get("code")
                ],
            }
        )
    return out
