"""Writing spreadsheets (CSV, XLSX) that a spreadsheet program opens safely. Pure: no Django.

The one rule against formula injection, used by every CSV and XLSX the project writes: a
text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
full-width forms, which some spreadsheet programs read the same way) is never a formula.

- CSV has no cell types, so such a text gets a leading apostrophe (`'=1+1`), the mark that
  Excel and LibreOffice read as "this is text" (OWASP's advice for CSV injection).
- XLSX has types: such a text is written as an explicit string cell (`t="s"`, never a
  formula) with the quote-prefix style, so the program shows it as typed and keeps it text
  when someone edits the cell. Numbers stay numbers, dates stay dates.

Characters that XML 1.0 cannot carry (control characters other than tab and line ends)
are dropped from XLSX text instead of failing the whole download.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CSV_TEXT_MARK = "'"
FILE_CHUNK = 64 * 1024
CSV_LINES_PER_CHUNK = 256  # lines sent together: one encode and one write per chunk
MAX_WIDTH = 60  # characters: a long title wraps on print rather than widening the sheet
MIN_WIDTH = 8


def is_formula_like(value) -> bool:
    """True for a text a spreadsheet program could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_cell(value):
    """A CSV cell: None as empty, a formula-like text with its leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return CSV_TEXT_MARK + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """CSV in UTF-8 with a byte-order mark (so spreadsheet programs read Arabic right),
    every cell through `csv_cell`, streamed line by line."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode() + writer.writerow([csv_cell(name) for name in header]).encode()
    prefixes, mark = FORMULA_PREFIXES, CSV_TEXT_MARK
    lines: list[str] = []
    # None needs no test: the csv module writes it as an empty cell, as `csv_cell` does.
    for row in rows:
        lines.append(
            writer.writerow(
                [
                    mark + value if isinstance(value, str) and value.startswith(prefixes) else value
                    for value in row
                ]
            )
        )
        if len(lines) == CSV_LINES_PER_CHUNK:
            yield "".join(lines).encode()
            lines.clear()
    if lines:
        yield "".join(lines).encode()


@dataclass(frozen=True)
class Column:
    """An XLSX column: its header, width (in characters) and the number format of its
    numbers and dates ("" for the default)."""

    name: str
    width: int = 14
    number_format: str = ""


MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
COORDINATE_FORMAT = "0.000000"


@dataclass
class Sheet:
    """One worksheet of a workbook: its columns, rows, and whether it reads right to left."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    right_to_left: bool = False
    autofilter: bool = True
    notes: list[str] = field(default_factory=list)  # unused by the writer; for callers


def _xml_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _write_sheet(workbook, spec: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_xml_text(spec.title)[:31])
    sheet.sheet_view.rightToLeft = spec.right_to_left
    columns = list(spec.columns)
    for index, column in enumerate(columns, start=1):
        width = max(MIN_WIDTH, min(MAX_WIDTH, column.width))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=_xml_text(column.name))
        cell.data_type = "s"
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    # openpyxl gives a date DATE_FORMAT by itself: styling such cells again costs a third of
    # the sheet's time for nothing.
    formats = ["" if column.number_format == DATE_FORMAT else column.number_format
               for column in columns]  # fmt: skip
    count = 0
    for row in spec.rows:
        count += 1
        sheet.append([_xlsx_cell(sheet, value, formats[i]) for i, value in enumerate(row)])
    if spec.autofilter and columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


_FORMATTED = (int, float, Decimal, date)


def _xlsx_cell(sheet, value, number_format: str):
    """A plain value where openpyxl types it right by itself (cheap), a styled cell where
    it needs a format or must be forced to text."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, str):
        if value.startswith(FORMULA_PREFIXES):
            cell = WriteOnlyCell(sheet)
            cell._value = _xml_text(value)  # set directly: the setter would type it "f"
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return _xml_text(value)
    if isinstance(value, bool):
        return value
    if number_format and isinstance(value, _FORMATTED):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    return value


def xlsx_bytes(sheets: Sequence[Sheet]) -> Iterator[bytes]:
    """An XLSX workbook of these sheets, written in openpyxl's write-only mode to a
    temporary file (memory stays flat), then streamed in chunks."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(workbook, spec)
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(FILE_CHUNK):
            yield chunk
