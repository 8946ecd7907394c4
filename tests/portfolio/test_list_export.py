"""Staff lists as CSV and XLSX (imar.core.list_export): the page's filters and the reader's
permissions apply, formula-like text stays text, the sheet reads right to left in Arabic."""

import csv
import io

import pytest
from openpyxl import load_workbook

LIST = "/portfolio/projects/"


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Headers are read by their English names (the Arabic sheet has its own test)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))


def _xlsx(response):
    return load_workbook(io.BytesIO(_body(response)))


def test_csv_export_applies_the_filters_and_neutralises_formulas(
    client, officer, make_project, tripoli
):
    formula = make_project(title_en='=HYPERLINK("http://evil")', title_ar="=1+1")
    make_project(municipality=tripoli, title_en="In Tripoli")
    client.force_login(officer)
    response = client.get(LIST, {"district": "LY-DR", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, data = rows[0], rows[1:]
    assert header[:2] == ["Code", "Title"]
    assert [row[0] for row in data] == [formula.code]  # the Tripoli project is filtered out
    assert data[0][1] == '\'=HYPERLINK("http://evil")'


def test_xlsx_export_is_typed_frozen_and_right_to_left_in_arabic(
    client, officer, make_project, settings
):
    project = make_project(title_ar="=1+1", title_en="-2")
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get(LIST, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = _xlsx(response).active
    assert sheet.freeze_panes == "A2"
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["A1"].value == "الرمز"  # "Code", in the page's language
    row = list(sheet[2])
    assert row[0].value == project.code
    title = row[1]  # the Arabic title on an Arabic page
    assert title.value == "=1+1" and title.data_type == "s"  # text, never a formula
    assert title.quotePrefix
    budget = row[8]
    assert isinstance(budget.value, (int, float)) and budget.value == 1_000_000
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["J"].width


def test_engineer_exports_only_their_district(client, engineer, make_project, tripoli):
    mine = make_project()
    make_project(municipality=tripoli)
    client.force_login(engineer)
    codes = [row[0] for row in _csv(client.get(LIST, {"format": "csv"}))[1:]]
    assert codes == [mine.code]


def test_export_holds_every_row_not_one_page(client, officer, make_project):
    for _ in range(55):
        make_project()
    client.force_login(officer)
    assert len(_csv(client.get(LIST, {"format": "csv"}))) == 56


def test_export_links_carry_the_filters(client, officer, make_project):
    make_project()
    client.force_login(officer)
    body = client.get(LIST, {"district": "LY-DR", "page": "1"}).content.decode()
    assert "?district=LY-DR&amp;format=csv" in body
    assert "?district=LY-DR&amp;format=xlsx" in body


def test_an_unknown_format_is_the_page(client, officer, make_project):
    client.force_login(officer)
    response = client.get(LIST, {"format": "pdf"})
    assert response.status_code == 200 and "<html" in response.content.decode()
