"""The triage queue as CSV and XLSX: the queue's columns, the reader's view of the cases (a
sensitive case only for who sees it), never the citizen's words or contact."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_queue_export_keeps_sensitive_cases_and_words_out(
    client, submit, officer, auditor, settings
):
    money = submit(category="misuse_of_money", text="SENSITIVE-MONEY-CASE").case
    plain = submit(category="work_stopped", text="WORDS-OF-A-CITIZEN", contact="+218 91").case
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for user, sees_money in ((officer, False), (auditor, True)):
        client.force_login(user)
        response = client.get(reverse("feedback:queue"), {"format": "csv"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "WORDS-OF-A-CITIZEN" not in body and "+218 91" not in body
        ids = {int(row["#"]) for row in csv.DictReader(io.StringIO(body))}
        assert plain.pk in ids and (money.pk in ids) is sees_money, user
    filtered = _rows(client.get(reverse("feedback:queue"), {"category": "work_stopped",
                                                             "format": "csv"}))  # fmt: skip
    assert [int(r["#"]) for r in filtered] == [plain.pk]
    book = client.get(reverse("feedback:queue"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(book.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 3
