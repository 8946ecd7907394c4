"""Imports read real files as people save them: formulas without a saved result and blank
required numbers are refused by row and column; CSVs in UTF-8 (with or without BOM),
UTF-16 (LE or BE, as Excel's "Unicode Text"), and Windows-1256 (Arabic Windows) import
their Arabic content; another encoding is refused with the encodings that work."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from imar.core.sheets import SheetError, decode_text
from imar.needs.imports.damage import import_damage_records
from imar.needs.imports.projects import import_projects
from imar.needs.models import DamageRecord
from imar.portfolio.models import Project

HEADER = ["municipality", "sector", "damage", "losses", "recovery_needs", "currency"]
ARABIC_ROWS = [
    ["درنة", "housing", "100", "50", "300", "USD"],
    ["ام الرزم", "health", "10", "5", "30", "LYD"],
]


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_saved_results(data: bytes, results: dict[str, str]) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula cell keeps its result."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for cell, value in results.items():
                    text = re.sub(
                        rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                        rf"\1<f>\2</f><v>{value}</v>",
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def _import(assessment, officer, data, filename):
    return import_damage_records(data=data, filename=filename, assessment=assessment, by=officer)


# ---- formulas and blanks -----------------------------------------------------------------


def test_formulas_without_a_saved_result_are_refused_by_row_and_column(
    assessment, officer, make_record
):
    kept = make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("900"))
    data = _workbook(
        [
            HEADER,
            ["LY010102", "housing", "=B9*2", 50, "=SUM(1,2)", "USD"],
            ["LY010101", "health", 1, 1, 2, "USD"],
        ]
    )
    result = _import(assessment, officer, data, "needs.xlsx")
    assert not result.ok
    assert result.errors == [
        "Row 2, column C (damage): the formula =B9*2 has no saved result. Open the file in "
        "Excel or LibreOffice, let it calculate, save it, and import it again.",
        "Row 2, column E (recovery_needs): the formula =SUM(1,2) has no saved result. Open "
        "the file in Excel or LibreOffice, let it calculate, save it, and import it again.",
    ]
    kept.refresh_from_db()
    assert kept.recovery_needs == Decimal("900") and DamageRecord.objects.count() == 1


def test_formulas_with_their_saved_results_import_those_results(assessment, officer):
    data = _with_saved_results(
        _workbook([HEADER, ["LY010102", "housing", 100, 50, "=SUM(100,200)", "USD"]]),
        {"E2": "300"},
    )
    result = _import(assessment, officer, data, "needs.xlsx")
    assert result.ok, result.errors
    assert DamageRecord.objects.get().recovery_needs == Decimal("300.00")


def test_a_blank_required_number_is_refused_not_zero(assessment, officer):
    csv = "\n".join([",".join(HEADER), "LY010102,housing,100,50,,USD", ""]).encode()
    xlsx = _workbook([HEADER, ["LY010102", "housing", 100, 50, None, "USD"]])
    for data, name in ((csv, "n.csv"), (xlsx, "n.xlsx")):
        result = _import(assessment, officer, data, name)
        assert result.errors == [
            "Row 2, recovery_needs: this number is required; the cell is empty."
        ]
    assert not DamageRecord.objects.exists()


def test_a_blank_optional_number_keeps_the_stored_value(assessment, officer, make_record):
    record = make_record(pcode="LY010102", sector="housing", damage=Decimal("700"))
    data = "\n".join([",".join(HEADER), "LY010102,housing,,60,400,USD", ""]).encode()
    assert _import(assessment, officer, data, "n.csv").ok
    record.refresh_from_db()
    assert (record.damage, record.losses, record.recovery_needs) == (
        Decimal("700.00"),
        Decimal("60.00"),
        Decimal("400.00"),
    )


# ---- encodings ---------------------------------------------------------------------------


def _csv_text(delimiter=",") -> str:
    return "\r\n".join(delimiter.join(row) for row in [HEADER, *ARABIC_ROWS]) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "delimiter", "expected"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ";", "utf-8 (BOM)"),  # Excel's "CSV UTF-8" in a comma-decimal locale
        ("utf-16", "\t", "utf-16 (BOM)"),  # Excel's "Unicode Text": UTF-16 LE with BOM, tabs
        ("utf-16-be-bom", ",", "utf-16 (BOM)"),
        ("utf-16-le", ",", "utf-16-le"),  # no BOM
        ("cp1256", ",", "windows-1256"),  # Excel's "CSV" on Arabic Windows
    ],
)
def test_arabic_csv_in_each_encoding_imports(
    assessment, officer, tmp_path, encoding, delimiter, expected
):
    text = _csv_text(delimiter)
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / "needs.csv"  # a real file on disk, read back as an upload would be
    path.write_bytes(data)
    assert decode_text(path.read_bytes())[1] == expected
    result = _import(assessment, officer, path.read_bytes(), "needs.csv")
    assert result.ok, result.errors
    assert DamageRecord.objects.get(municipality__name_ar="ام الرزم").recovery_needs == 30


@pytest.mark.parametrize(
    "data",
    [
        "Ciudad,Sección\nTrípoli,vivienda\n".encode("cp1252"),  # Western Windows, not Arabic
        bytes(range(256)) * 4,  # not text at all
        b"\xff\xfe" + b"\x00\xd8" * 8,  # a UTF-16 BOM with broken surrogates
    ],
)
def test_an_unreadable_encoding_is_refused_naming_the_encodings_that_work(
    assessment, officer, data
):
    with pytest.raises(SheetError):
        decode_text(data)
    result = _import(assessment, officer, data, "needs.csv")
    assert len(result.errors) == 1
    message = result.errors[0]
    assert "UTF-8" in message and "UTF-16" in message and "Windows-1256" in message


def test_the_encoding_message_is_translated(assessment, officer):
    from django.utils import translation

    with translation.override("ar"):
        result = _import(assessment, officer, bytes(range(256)) * 4, "needs.csv")
    assert "Windows-1256" in result.errors[0] and "UTF-8" in result.errors[0]
    assert "احفظ" in result.errors[0]


def test_project_import_reads_utf16_arabic_and_refuses_uncalculated_formulas(officer, gazetteer):
    header = [
        "code",
        "title_ar",
        "title_en",
        "description_en",
        "sector",
        "project_type",
        "municipality",
        "budget",
    ]
    row = [
        "IMP-1",
        "مدرسة درنة الجديدة",
        "New Derna school",
        "A new school",
        "education",
        "construction",
        "درنة",
        "1500",
    ]
    text = "\t".join(header) + "\r\n" + "\t".join(row) + "\r\n"
    result = import_projects(data=text.encode("utf-16"), filename="projects.csv", by=officer)
    assert result.ok, result.errors
    assert Project.objects.get(code="IMP-1").title_ar == "مدرسة درنة الجديدة"
    formula = _workbook(
        [header, ["IMP-2", "x", "y", "d", "education", "construction", "درنة", "=1500*2"]]
    )
    refused = import_projects(data=formula, filename="projects.xlsx", by=officer)
    assert refused.errors and refused.errors[0].startswith("Row 2, column H (budget)")
    assert not Project.objects.filter(code="IMP-2").exists()
