"""Scenarios and scoring models as CSV and XLSX: every row the page lists, translated
headers, formula-like names neutralised, and the page's permissions (an engineer may read
scoring models but not scenarios)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from imar.needs.models import Scenario

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))


@pytest.fixture
def scenarios(scoring_model):
    Scenario.objects.create(
        name="=HYPERLINK(1)", budget=Decimal("5000000"), scoring_model=scoring_model
    )
    Scenario.objects.create(
        name="East first", budget=Decimal("7000000"), scoring_model=scoring_model, status="done",
        result={"selected": ["A-1", "B-1"], "gap": 0.0125},
    )  # fmt: skip


def test_scenarios_csv_in_english(client, officer, scenarios):
    client.cookies["imar_language"] = "en"
    client.force_login(officer)
    response = client.get("/needs/scenarios/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="scenarios-' in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert header[:6] == [
        "Name",
        "Budget",
        "Currency",
        "Scoring model",
        "Status",
        "Chosen projects",
    ]
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {"'=HYPERLINK(1)", "East first"}
    east = dict(zip(header, by_name["East first"], strict=True))
    assert (east["Budget"], east["Status"], east["Chosen projects"]) == ("7000000.00", "Done", "2")
    assert east["Gap to the optimum"] == "0.0125"
    assert east["Scoring model"] == "Test criteria v1"


def test_scenarios_xlsx_in_arabic_is_right_to_left_with_arabic_headers(client, officer, scenarios):
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    sheet = load_workbook(
        io.BytesIO(_body(client.get("/needs/scenarios/", {"format": "xlsx"})))
    ).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[0] == "الاسم" and "أنشأه" in header
    assert sheet.sheet_view.rightToLeft
    assert sheet.max_row == 3


def test_scenarios_page_links_its_exports(client, officer, scenarios):
    client.cookies["imar_language"] = "en"
    client.force_login(officer)
    page = client.get("/needs/scenarios/").content.decode()
    assert "?format=csv" in page and "?format=xlsx" in page


def test_engineer_may_not_export_scenarios(client, engineer, scenarios):
    client.force_login(engineer)
    assert client.get("/needs/scenarios/", {"format": "csv"}).status_code == 403


def test_scoring_models_export_one_row_a_model(client, officer, scoring_model, auditor):
    from imar.needs.services import scoring_model_save
    from tests.needs.conftest import WEIGHTS

    scoring_model_save(by=officer, name="Cost first", weights=WEIGHTS, method="topsis")
    client.cookies["imar_language"] = "en"
    client.force_login(auditor)
    header, *rows = _csv(client.get("/needs/scoring/", {"format": "csv"}))
    assert header[:4] == ["Name", "Version", "Method", "Criteria and weights"]
    assert sorted((r[0], r[1], r[2]) for r in rows) == [
        ("Cost first", "1", "TOPSIS"),
        ("Test criteria", "1", "Weighted sum"),
    ]
    assert "People served: 0.2" in rows[0][3]


def test_scoring_models_export_in_arabic(client, officer, scoring_model):
    client.cookies["imar_language"] = "ar"
    client.force_login(officer)
    header, row = _csv(client.get("/needs/scoring/", {"format": "csv"}))
    assert header[:3] == ["الاسم", "إصدار", "الطريقة"]
    assert row[header.index("منشور")] == "نعم"


def test_anonymous_may_not_export_scoring_models(client, scoring_model):
    response = client.get("/needs/scoring/", {"format": "csv"})
    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)
