"""GeoJSON: one point Feature per public project (the municipality's point when the
project has none, flagged `location_approximate`)."""

import json
from collections.abc import Iterator

from imar.opendata.records import ProjectSummary, iter_summaries
from imar.opendata.source import identifier_of


def feature(project: ProjectSummary) -> dict:
    point = project.point
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
            "municipality_en": project.municipality.name_en,
            "municipality_ar": project.municipality.name_ar,
            "budget": None if project.budget is None else str(project.budget),
            "currency": project.currency,
            "location_approximate": point.approximate,
        },
    }


def geojson_bytes(queryset) -> Iterator[bytes]:
    """Points need only the projects' summaries: one query, read in chunks."""
    yield b'{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for project in iter_summaries(queryset):
        yield (separator + json.dumps(feature(project), ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"
