"""GeoJSON: one point Feature per public project (the municipality's point when the
project has none, flagged `location_approximate`)."""

import json
from collections.abc import Iterator

from imar.geo.points import point_or_municipality
from imar.opendata.source import identifier_of

GEOJSON_FIELDS = [
    "code",
    "title_ar",
    "title_en",
    "status",
    "sector",
    "budget",
    "currency",
    "latitude",
    "longitude",
    "municipality__name_ar",
    "municipality__name_en",
    "municipality__latitude",
    "municipality__longitude",
]


def geojson_bytes(queryset) -> Iterator[bytes]:
    """Points need no related objects: plain rows from one query, far cheaper than models."""
    rows = queryset.values_list(*GEOJSON_FIELDS)
    yield b'{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for row in rows.iterator(chunk_size=5000):
        (code, title_ar, title_en, status, sector, budget, currency, latitude, longitude,
         town_ar, town_en, town_latitude, town_longitude) = row  # fmt: skip
        latitude, longitude, approximate = point_or_municipality(
            latitude, longitude, town_latitude, town_longitude
        )
        feature = {
            "type": "Feature",
            "id": code,
            "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
            "properties": {
                "identifier": identifier_of(code),
                "code": code,
                "title_ar": title_ar,
                "title_en": title_en,
                "status": status,
                "sector": sector,
                "municipality_en": town_en,
                "municipality_ar": town_ar,
                "budget": None if budget is None else str(budget),
                "currency": currency,
                "location_approximate": approximate,
            },
        }
        yield (separator + json.dumps(feature, ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"
