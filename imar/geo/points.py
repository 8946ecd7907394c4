"""Where a thing is on the map: its own point, or else its municipality's (approximate).

The one rule for location-sensitive places (people's safety in a volatile country): a
project marked location-sensitive by staff, or any project of a district listed in the
setting `IMAR_LOCATION_SENSITIVE_DISTRICTS`, is shown to the public only at its
municipality's point, flagged approximate, never at its site. Every public output (portal
pages and map, public API, IATI, OC4IDS, CSV, XLSX, GeoJSON) asks `public_point`.
"""

from django.conf import settings


def point_or_municipality(
    latitude, longitude, municipality_latitude, municipality_longitude
) -> tuple[float, float, bool]:
    """(latitude, longitude, approximate): the own point when it has one (the database keeps
    both coordinates or neither), else the municipality's, flagged approximate."""
    if latitude is not None and longitude is not None:
        return latitude, longitude, False
    return municipality_latitude, municipality_longitude, True


def sensitive_districts() -> frozenset[str]:
    return frozenset(code.upper() for code in settings.IMAR_LOCATION_SENSITIVE_DISTRICTS)


def is_location_sensitive(flag: bool, district_iso: str, districts=None) -> bool:
    """Marked so itself, or in a district the setting lists."""
    if flag:
        return True
    return (district_iso or "").upper() in (
        sensitive_districts() if districts is None else districts
    )


def public_point(
    latitude,
    longitude,
    municipality_latitude,
    municipality_longitude,
    *,
    sensitive: bool,
) -> tuple[float, float, bool]:
    """What the public may see: the municipality's point for a sensitive place, otherwise
    `point_or_municipality`."""
    if sensitive:
        return municipality_latitude, municipality_longitude, True
    return point_or_municipality(latitude, longitude, municipality_latitude, municipality_longitude)
