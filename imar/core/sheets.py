"""Reading an uploaded table (XLSX or CSV) for an import: rows of cell values, or the
reasons it cannot be trusted, by row and column. Pure: no Django.

- XLSX: the values Excel last calculated are read (``data_only``); a formula cell without a
  saved result (a file written by a script, never opened in a spreadsheet program) would
  read as empty, so every such cell is reported instead.
- CSV: the encoding is found from the bytes: UTF-8 with or without BOM, UTF-16 and UTF-32
  with a BOM, UTF-16 without one, then Windows-1256 (Arabic Windows) — tried last, and kept
  only when the result reads as text, since it maps almost every byte to some character.
  The delimiter is the header line's comma, semicolon or tab (Excel uses each, by locale).
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field

CSV_ENCODINGS = ("UTF-8", "UTF-16", "Windows-1256")
MAX_REPORTED = 20
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class SheetError(Exception):
    """The table cannot be read as it stands: a stable code and what to say."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class FormulaCell:
    row: int  # as numbered in the spreadsheet, from 1
    column: str  # the column letter, e.g. "D"
    header: str  # the first row's text in that column
    formula: str


@dataclass
class Table:
    rows: list[list] = field(default_factory=list)
    encoding: str = ""  # of a CSV; "" for XLSX


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(data: bytes, filename: str, *, max_rows: int) -> Table:
    """The rows (header first) of an XLSX or CSV upload. Raises SheetError: "unreadable",
    "encoding", "too_many_rows" (params max_rows) or "formulas" (params cells)."""
    if filename.lower().endswith(".xlsx"):
        return Table(rows=_xlsx_rows(data, max_rows))
    text, encoding = decode_text(data)
    return Table(rows=_csv_rows(text, max_rows), encoding=encoding)


# ---- XLSX ---------------------------------------------------------------------------------


def _xlsx_rows(data: bytes, max_rows: int) -> list[list]:
    from openpyxl import load_workbook

    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False).active
        pairs = zip(
            values.iter_rows(values_only=True),
            formulas.iter_rows(values_only=True),
            strict=False,
        )
        rows: list[list] = []
        uncalculated: list[FormulaCell] = []
        header: list = []
        for number, (shown, written) in enumerate(pairs, start=1):
            if number > max_rows + 1:
                raise SheetError("too_many_rows", max_rows=max_rows)
            row = list(shown)
            if number == 1:
                header = row
            for index, source in enumerate(written):
                value = row[index] if index < len(row) else None
                if _is_formula(source) and value is None:
                    uncalculated.append(
                        FormulaCell(
                            row=number,
                            column=column_letter(index),
                            header=_cell_text(header[index] if index < len(header) else ""),
                            formula=str(getattr(source, "text", source))[:60],
                        )
                    )
            rows.append(row)
    except SheetError:
        raise
    except Exception:  # a corrupt workbook raises many kinds of errors; all mean the same
        raise SheetError("unreadable") from None
    if uncalculated:
        raise SheetError("formulas", cells=uncalculated[:MAX_REPORTED], count=len(uncalculated))
    return rows


def _is_formula(value) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


# ---- CSV ----------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or SheetError("encoding")."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _without_bom(data.decode(codec)), codec.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                raise SheetError("encoding") from None
    if b"\x00" in data[:4096]:  # UTF-16 without a BOM: every other byte of ASCII is zero
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        codec = "utf-16-be" if even > odd else "utf-16-le"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise SheetError("encoding") from None
        if _reads_as_text(text):
            return text, codec
        raise SheetError("encoding")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and _reads_as_text(text) and _mostly_arabic(text):
        return text, "windows-1256"
    raise SheetError("encoding")


def _without_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _reads_as_text(text: str) -> bool:
    """No control characters but tab and line ends, nothing unassigned or private."""
    for char in text:
        if char in "\t\r\n":
            continue
        if unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs"):
            return False
    return True


def _mostly_arabic(text: str) -> bool:
    """Windows-1256 gives every high byte some character. In a real Arabic file most of them
    are Arabic letters, in words of their own; a Western file read this way shows Arabic
    letters glued inside Latin words ("Secci" + "َ" + "n")."""
    high = [c for c in text if ord(c) > 0x7F]
    arabic = [i for i, c in enumerate(text) if "\u0600" <= c <= "\u06ff"]
    if not high or len(arabic) / len(high) < 0.6:
        return False
    glued = sum(
        1
        for i in arabic
        if (i > 0 and _latin(text[i - 1])) or (i + 1 < len(text) and _latin(text[i + 1]))
    )
    return glued / len(arabic) < 0.2


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _csv_rows(text: str, max_rows: int) -> list[list]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if number > max_rows + 1:
                raise SheetError("too_many_rows", max_rows=max_rows)
            rows.append(row)
    except csv.Error:
        raise SheetError("unreadable") from None
    return rows
