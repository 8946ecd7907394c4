"""GeoJSON: one point Feature per public project (the municipality's point when the
project has none or is location-sensitive, flagged `location_approximate`).

Numbers are JSON numbers (a GIS styles by them); the collection carries the licence and
the publisher as top-level members (RFC 7946 §6.1 allows foreign members).
"""

import json
from collections.abc import Iterator

from django.conf import settings

from imar.opendata.records import ProjectSummary, iter_summaries
from imar.opendata.source import identifier_of
from imar.portfolio.sectors import SECTOR_CODES

PROPERTIES = [
    "identifier",
    "code",
    "title_ar",
    "title_en",
    "status",
    "sector",
    "sector_dac5",
    "district_iso",
    "district_en",
    "municipality_pcode",
    "municipality_en",
    "municipality_ar",
    "budget",
    "currency",
    "location_approximate",
]


def feature(project: ProjectSummary) -> dict:
    point = project.point
    municipality = project.municipality
    budget = project.budget
    return {
        "type": "Feature",
        "id": project.code,
        "geometry": {
            "type": "Point",
            "coordinates": [round(point.longitude, 6), round(point.latitude, 6)],
        },
        "properties": {
            "identifier": identifier_of(project.code),
            "code": project.code,
            "title_ar": project.title_ar,
            "title_en": project.title_en,
            "status": project.status,
            "sector": project.sector,
            "sector_dac5": SECTOR_CODES[project.sector].dac5,
            "district_iso": municipality.district.iso_code,
            "district_en": municipality.district.name_en,
            "municipality_pcode": municipality.pcode,
            "municipality_en": municipality.name_en,
            "municipality_ar": municipality.name_ar,
            # A JSON number: exact for any budget up to 15 significant digits (money_field
            # holds 2 decimals), which is what a float can carry unchanged.
            "budget": None if budget is None else _number(budget),
            "currency": project.currency,
            "location_approximate": point.approximate,
        },
    }


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def _header() -> bytes:
    members = {
        "type": "FeatureCollection",
        "licence": {
            "name": settings.IMAR_OPEN_DATA_LICENCE,
            "url": settings.IMAR_OPEN_DATA_LICENCE_URL,
        },
        "publisher": {"name": settings.IMAR_FUND_NAME_EN, "name_ar": settings.IMAR_FUND_NAME_AR},
        "dictionary": "/open-data/#geojson",
    }
    text = json.dumps(members, ensure_ascii=False)
    return (text[:-1] + ', "features": [').encode()


FEATURES_PER_CHUNK = 128


def geojson_bytes(queryset) -> Iterator[bytes]:
    """Points need only the projects' summaries: one query, read in chunks."""
    yield _header()
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per feature
    separator, pieces = "\n", []
    for project in iter_summaries(queryset):
        pieces += (separator, encode(feature(project)))
        separator = ",\n"
        if len(pieces) >= 2 * FEATURES_PER_CHUNK:
            yield "".join(pieces).encode()
            pieces.clear()
    pieces.append("\n]}\n")
    yield "".join(pieces).encode()
