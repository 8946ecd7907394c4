"""Where a thing is on the map: its own point, or else its municipality's (approximate)."""


def point_or_municipality(
    latitude, longitude, municipality_latitude, municipality_longitude
) -> tuple[float, float, bool]:
    """(latitude, longitude, approximate): the own point when it has one (the database keeps
    both coordinates or neither), else the municipality's, flagged approximate."""
    if latitude is not None and longitude is not None:
        return latitude, longitude, False
    return municipality_latitude, municipality_longitude, True
