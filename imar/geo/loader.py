"""Load the gazetteer shipped in imar/geo/data into the database (idempotent)."""

import csv
import json
from pathlib import Path

from django.db import transaction

from imar.geo.models import District, Municipality, Region

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_gazetteer() -> dict[str, int]:
    regions = {}
    for row in _rows("regions.csv"):
        regions[row["region_pcode"]], _ = Region.objects.update_or_create(
            code=row["region_pcode"],
            defaults={"name_en": row["name_en"], "name_ar": row["name_ar"]},
        )

    with open(DATA_DIR / "lby_adm1_districts.geojson", encoding="utf-8") as handle:
        shapes = {
            feature["properties"]["iso_3166_2"]: feature["geometry"]
            for feature in json.load(handle)["features"]
        }
    districts = {}
    for row in _rows("districts.csv"):
        districts[row["iso_3166_2"]], _ = District.objects.update_or_create(
            iso_code=row["iso_3166_2"],
            defaults={
                "pcode": row["ocha_pcode"],
                "name_en": row["name_en"],
                "name_ar": row["name_ar"],
                "region": regions[row["region_pcode"]],
                # Natural Earth's label point sits where a marker reads well.
                "latitude": float(row["ne_label_lat"]),
                "longitude": float(row["ne_label_lon"]),
                "geometry": shapes[row["iso_3166_2"]],
            },
        )

    places = {row["name"]: row for row in _rows("ne_populated_places_LBY.csv")}
    seats = {row["pcode"]: places[row["ne_name"]] for row in _rows("municipality_points.csv")}
    for row in _rows("municipalities.csv"):
        district = districts[row["iso_3166_2"]]
        seat = seats.get(row["pcode"])
        Municipality.objects.update_or_create(
            pcode=row["pcode"],
            defaults={
                "name_en": row["name_en"],
                "name_ar": row["name_ar"],
                "district": district,
                "latitude": float(seat["lat"]) if seat else district.latitude,
                "longitude": float(seat["lon"]) if seat else district.longitude,
                "location_is_approximate": seat is None,
                "population": int(float(seat["pop_max"])) if seat else None,
            },
        )
    return {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "municipalities": Municipality.objects.count(),
    }
