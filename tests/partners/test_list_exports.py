"""Organizations, agreements and engagements as CSV and XLSX, with the page's filters and
the reader's permissions (a confidential agreement is exported only to who may read it)."""

import csv
import io

import pytest
from openpyxl import load_workbook


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_agreements_export_with_filters_and_parties(
    client, officer, make_agreement, us_agency, greek_ministry
):
    make_agreement(us_agency, reference="US-1", title_en="=1+1 grant")
    make_agreement(greek_ministry, reference="GR-1", title_en="Greek deal")
    client.force_login(officer)
    rows = _rows(client.get("/partners/agreements/", {"format": "csv"}))
    assert {r["Reference"] for r in rows} == {"US-1", "GR-1"}
    rows = _rows(client.get("/partners/agreements/", {"country": "US", "format": "csv"}))
    assert [r["Reference"] for r in rows] == ["US-1"]
    assert "US Agency for Development" in rows[0]["Parties"]


def test_confidential_agreement_not_exported_to_an_engineer(
    client, engineer, make_agreement, us_agency
):
    make_agreement(us_agency, reference="US-SECRET", is_public=False)
    client.force_login(engineer)
    response = client.get("/partners/agreements/", {"format": "csv"})
    refs = [r["Reference"] for r in _rows(response)] if response.status_code == 200 else []
    assert "US-SECRET" not in refs


def test_organizations_and_engagements_export(client, officer, us_agency, visit):
    client.force_login(officer)
    rows = _rows(client.get("/partners/organizations/", {"format": "csv"}))
    assert "US Agency for Development" in {r["Name"] for r in rows}
    response = client.get("/partners/engagements/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2"
    assert any(visit.title_en == c.value for row in sheet.iter_rows() for c in row)
