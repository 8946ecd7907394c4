"""CSV and XLSX: one row per public project (or transaction), from the export records, streamed.

Both go through `imar.core.sheet_output`, the one writer that neutralises formula-like text
(CSV: a leading apostrophe; XLSX: explicit string cells). XLSX is a zip, so it cannot go
out byte by byte while it is written; openpyxl's write-only mode streams rows to a
temporary file on disk, which is then sent in chunks: memory stays flat either way. The
workbook has the data sheet (frozen header, autofilter, widths, number and date formats,
right to left when the download is in Arabic) and an "about" sheet: the licence and the
data dictionary of its columns (`imar.opendata.dictionary`).
"""

from collections.abc import Iterable, Iterator

from imar.core.sheet_output import (
    DATE_FORMAT,
    INTEGER_FORMAT,
    MONEY_FORMAT,
    Column,
    Sheet,
)
from imar.core.sheet_output import csv_bytes as _csv_bytes
from imar.core.sheet_output import xlsx_bytes as _xlsx_bytes
from imar.opendata.records import (
    TableRecord,
    TransactionRecord,
    iter_table_records,
    iter_transactions,
)
from imar.opendata.source import identifier_of
from imar.portfolio.sectors import SECTOR_CODES

_TEXT, _LONG, _CODE = 18, 48, 12
PROJECT_SHEET = [
    Column("identifier", 24),
    Column("code", _CODE),
    Column("title_ar", _LONG),
    Column("title_en", _LONG),
    Column("status", 14),
    Column("sector", 14),
    Column("sector_dac5", 11),
    Column("project_type", 14),
    Column("program", _CODE),
    Column("region", 10),
    Column("district_iso", 11),
    Column("district_en", _TEXT),
    Column("municipality_pcode", 13),
    Column("municipality_ar", _TEXT),
    Column("municipality_en", _TEXT),
    Column("latitude", 11),  # General shows the 6 decimals written
    Column("longitude", 11),
    Column("location_approximate", 10),
    Column("planned_start", 12, DATE_FORMAT),
    Column("planned_end", 12, DATE_FORMAT),
    Column("actual_start", 12, DATE_FORMAT),
    Column("actual_end", 12, DATE_FORMAT),
    Column("budget", 16, MONEY_FORMAT),
    Column("currency", 9),
    Column("beneficiaries", 12, INTEGER_FORMAT),
    Column("funders", _LONG),
    Column("implementers", _LONG),
    Column("contractors", _LONG),
    Column("updated", 12, DATE_FORMAT),
]
PROJECT_COLUMNS = [column.name for column in PROJECT_SHEET]


NAMED_ROLES = ("funder", "implementer", "contractor")


def _names(project: TableRecord) -> tuple[str, str, str]:
    """The funders', implementers' and contractors' names, "; "-joined (one pass)."""
    named: dict[str, list[str]] = {}
    for participation in project.participations:
        named.setdefault(participation.role, []).append(participation.organization.name)
    return tuple("; ".join(named.get(role, ())) for role in NAMED_ROLES)


def project_row(project: TableRecord, prefix: str | None = None) -> list:
    """The row; `prefix` is the fund's identifier and "-" (`identifier_of`), when known."""
    point = project.point
    municipality = project.municipality
    return [
        identifier_of(project.code) if prefix is None else prefix + project.code,
        project.code,
        project.title_ar,
        project.title_en,
        project.status,
        project.sector,
        SECTOR_CODES[project.sector].dac5,
        project.project_type,
        project.program_code or "",
        municipality.district.region_code,
        municipality.district.iso_code,
        municipality.district.name_en,
        municipality.pcode,
        municipality.name_ar,
        municipality.name_en,
        round(point.latitude, 6),
        round(point.longitude, 6),
        point.approximate,
        project.planned_start,
        project.planned_end,
        project.actual_start,
        project.actual_end,
        project.budget,
        project.currency,
        project.beneficiaries,
        *_names(project),
        project.updated_at.date(),
    ]


def project_rows(queryset) -> Iterator[list]:
    """One row per project: the project query and one for their organizations per chunk."""
    prefix = identifier_of("")
    for project in iter_table_records(queryset):
        yield project_row(project, prefix)


TRANSACTION_SHEET = [
    Column("project_identifier", 24),
    Column("project_code", _CODE),
    Column("transaction_id", 12),
    Column("kind", 13),
    Column("date", 12, DATE_FORMAT),
    Column("amount", 16, MONEY_FORMAT),
    Column("currency", 9),
    Column("amount_lyd", 16, MONEY_FORMAT),
    Column("provider", 36),
    Column("receiver", 36),
]
TRANSACTION_COLUMNS = [column.name for column in TRANSACTION_SHEET]
SHEETS = {"projects": PROJECT_SHEET, "transactions": TRANSACTION_SHEET}


def transaction_row(transaction: TransactionRecord) -> list:
    provider, receiver = transaction.provider, transaction.receiver
    return [
        identifier_of(transaction.project_code),
        transaction.project_code,
        f"T{transaction.pk}",
        transaction.kind,
        transaction.date,
        transaction.amount,
        transaction.currency,
        transaction.amount_lyd,
        provider.name if provider else "",
        receiver.name if receiver else "",
    ]


def transaction_rows(projects) -> Iterator[list]:
    """One row per public transaction of these (already public, filtered) projects."""
    for transaction in iter_transactions(projects):
        yield transaction_row(transaction)


def csv_bytes(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """CSV in UTF-8 with a byte-order mark, formula-like text neutralised."""
    return _csv_bytes(header, rows)


def xlsx_bytes(
    header: list[str],
    rows: Iterable[list],
    *,
    title: str,
    right_to_left: bool = False,
    about: list[list] | None = None,
) -> Iterator[bytes]:
    """The data sheet `title` (its columns' widths and formats when it is a known table)
    and, when given, an "about" sheet (licence and data dictionary)."""
    known = {column.name: column for column in SHEETS.get(title, ())}
    columns = [known.get(name, Column(name)) for name in header]
    sheets = [Sheet(title=title, columns=columns, rows=rows, right_to_left=right_to_left)]
    if about is not None:
        sheets.append(
            Sheet(
                title="about",
                columns=[Column(name, width) for name, width in ABOUT_COLUMNS],
                rows=about,
                right_to_left=right_to_left,
                autofilter=False,
            )
        )
    return _xlsx_bytes(sheets)


ABOUT_COLUMNS = [("column", 22), ("type", 10), ("en", 60), ("ar", 60)]
