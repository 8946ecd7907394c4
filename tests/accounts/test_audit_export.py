"""The audit trail as CSV and XLSX: the page's filters, its readable labels, auditors only."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.test_audit_display import edited  # noqa: F401 (fixture)

URL = reverse("accounts:audit_trail")


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_follows_the_filters_and_reads_like_the_page(client, auditor, edited, settings):  # noqa: F811
    client.force_login(auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = _rows(client.get(URL, {"object_type": "portfolio.project", "format": "csv"}))
    assert rows and {r["Record type"] for r in rows} == {"Project"}
    update = next(r for r in rows if r["Action"] == "Changed")
    assert "Budget: 1,000,000.00 → 33,537,000.00" in update["Changes"]
    assert update["Reason"] == "revised estimate"
    everything = _rows(client.get(URL, {"format": "csv"}))
    assert len(everything) > len(rows)


def test_xlsx_export_and_who_may_have_it(client, auditor, officer, edited):  # noqa: F811
    client.force_login(auditor)
    response = client.get(URL, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet.max_row > 1
    assert isinstance(sheet["A2"].value, int)
    client.force_login(officer)
    assert client.get(URL, {"format": "csv"}).status_code == 403
