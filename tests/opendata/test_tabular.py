import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from imar.opendata.formats import FORMATS
from imar.opendata.source import export_projects
from tests.opendata.conftest import assert_no_sentinel


def _bytes(name, params=None) -> bytes:
    return b"".join(FORMATS[name].write(export_projects(params), "projects"))


def test_csv_has_one_row_per_public_project_with_arabic_intact(world):
    data = _bytes("csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["DRN-001", "TRP-002"]
    assert rows[0]["title_ar"] == "إعادة إعمار حي البلاد في درنة"
    assert rows[0]["contractors"] == "Anadolu Construction"
    assert rows[1]["budget"] == "999.99"
    assert_no_sentinel(data.decode("utf-8-sig"))


def test_xlsx_opens_and_holds_only_public_projects(world):
    book = load_workbook(io.BytesIO(_bytes("xlsx")), read_only=True)
    rows = list(book["projects"].iter_rows(values_only=True))
    assert rows[0][1] == "code"
    assert [r[1] for r in rows[1:]] == ["DRN-001", "TRP-002"]
    assert_no_sentinel(" ".join(str(v) for row in rows for v in row))


def test_geojson_points_are_lon_lat(world):
    collection = json.loads(_bytes("geojson", {"district": "LY-DR"}))
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [22.64, 32.76]}
    assert feature["properties"]["code"] == "DRN-001"


def test_geojson_has_no_private_project(world):
    assert_no_sentinel(_bytes("geojson").decode())


def test_unknown_district_is_refused_with_the_field_named(world):
    with pytest.raises(CommandError, match="district"):
        call_command("export", "csv", "--district", "LY-XX")


def test_transactions_kind_refused_for_iati(world):
    with pytest.raises(CommandError, match="--kind transactions"):
        call_command("export", "iati", "--kind", "transactions")


def test_transactions_csv_has_one_row_per_public_transaction(world):
    data = b"".join(FORMATS["csv"].write(export_projects(), "transactions")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [(r["project_code"], r["kind"], r["amount"]) for r in rows] == [
        ("DRN-001", "commitment", "2000000.00"),
        ("DRN-001", "disbursement", "500000.00"),
    ]
    assert_no_sentinel(data)


def test_transactions_xlsx_download(client, world):
    response = client.get("/open-data/projects.xlsx?kind=transactions")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["transactions"].iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][0] == "project_identifier"
