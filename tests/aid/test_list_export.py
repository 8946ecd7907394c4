"""The donors' activities list as CSV and XLSX: the page's filters, translated headers and
statuses, staff only."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.aid.files import activity, iati_file

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_body(response).decode("utf-8-sig"))))


@pytest.fixture
def two_activities(do_import):
    do_import(
        iati_file(
            activity("US-GOV-1-LY-0001", status="2"),
            activity("US-GOV-1-LY-0002", status="4", title_en="=cmd|' /C calc'!A0"),
        )
    )


def test_export_follows_the_filters(client, officer, two_activities):
    client.cookies["imar_language"] = "en"
    client.force_login(officer)
    rows = _csv(client.get("/aid/", {"format": "csv"}))
    assert {r["IATI identifier"] for r in rows} == {"US-GOV-1-LY-0001", "US-GOV-1-LY-0002"}
    closed = next(r for r in rows if r["IATI identifier"] == "US-GOV-1-LY-0002")
    assert closed["Status"] == "Closed" and closed["Title"].startswith("'=")
    rows = _csv(client.get("/aid/", {"format": "csv", "status": "2"}))
    assert [r["IATI identifier"] for r in rows] == ["US-GOV-1-LY-0001"]
    assert rows[0]["Linked"] == "No"
    assert rows[0]["Districts"]  # placed by its point in Derna


def test_xlsx_in_arabic(client, officer, two_activities):
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    response = client.get("/aid/", {"format": "xlsx", "status": "4"})
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "معرّف IATI"
    assert rows[0][5] == "الحالة"
    assert len(rows) == 2 and rows[1][5] == "مغلق"
    assert sheet.sheet_view.rightToLeft


def test_list_page_links_exports_with_its_filters(client, officer, two_activities):
    client.force_login(officer)
    page = client.get("/aid/", {"status": "2", "page": "1"}).content.decode()
    assert "status=2&amp;format=csv" in page


def test_outsider_may_not_export(client, outsider, two_activities):
    client.force_login(outsider)
    assert client.get("/aid/", {"format": "csv"}).status_code == 403
