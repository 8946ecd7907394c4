"""The contracts register as CSV and XLSX: the register's filters (red flag, district),
translated headers and flags, and the reader's districts (an engineer exports Derna's)."""

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_body(response).decode("utf-8-sig"))))


@pytest.fixture
def processes(walk, make_project, tripoli):
    short = walk(days=5)
    clean = walk(project=make_project(municipality=tripoli, sector="water_sanitation"))
    return short, clean


def test_export_follows_the_flag_and_district_filters(client, officer, processes, tripoli):
    short, clean = processes
    client.cookies["imar_language"] = "en"
    client.force_login(officer)
    rows = _csv(client.get("/procurement/", {"format": "csv"}))
    assert {r["OCID"] for r in rows} == {short.ocid, clean.ocid}
    rows = _csv(client.get("/procurement/", {"format": "csv", "flag": "R003"}))
    assert [r["OCID"] for r in rows] == [short.ocid]
    assert rows[0]["Red flags"] == "Short submission period"
    assert rows[0]["Contractor"] == short.contract.contractor.name_en
    assert rows[0]["Signed value"] == f"{short.contract.value:.2f}"
    rows = _csv(client.get("/procurement/", {"format": "csv", "district": tripoli.district_id}))
    assert [r["OCID"] for r in rows] == [clean.ocid]


def test_engineer_exports_their_district_only(client, engineer, processes):
    short, _clean = processes
    client.force_login(engineer)
    rows = _csv(client.get("/procurement/", {"format": "csv"}))
    assert len(rows) == 1 and short.ocid in rows[0].values()


def test_xlsx_in_arabic(client, officer, processes):
    short, _clean = processes
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    response = client.get("/procurement/", {"format": "xlsx", "flag": "R003"})
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["معرّف OCID", "رمز المشروع", "المشروع", "طريقة الشراء", "الحالة"]
    assert rows[1][0] == short.ocid and rows[1][-1] == "فترة تقديم قصيرة"
    assert sheet.sheet_view.rightToLeft


def test_register_page_links_exports_with_its_filters(client, officer, processes):
    client.force_login(officer)
    page = client.get("/procurement/", {"flag": "R003"}).content.decode()
    assert "flag=R003&amp;format=xlsx" in page


def test_anonymous_may_not_export(client, processes):
    response = client.get("/procurement/", {"format": "csv"})
    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)
