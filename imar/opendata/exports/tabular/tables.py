"""CSV and XLSX: one row per public project (or transaction), from the export records, streamed.

XLSX is a zip, so it cannot go out byte by byte while it is written; openpyxl's
write-only mode streams rows to a temporary file on disk, which is then sent in chunks:
memory stays flat either way.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from imar.opendata.records import (
    PARTICIPATIONS,
    ProjectRecord,
    TransactionRecord,
    iter_records,
    iter_transactions,
)
from imar.opendata.source import identifier_of
from imar.portfolio.sectors import SECTOR_CODES

PROJECT_COLUMNS = [
    "identifier",
    "code",
    "title_ar",
    "title_en",
    "status",
    "sector",
    "sector_dac5",
    "project_type",
    "program",
    "region",
    "district_iso",
    "district_en",
    "municipality_pcode",
    "municipality_ar",
    "municipality_en",
    "latitude",
    "longitude",
    "location_approximate",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "beneficiaries",
    "funders",
    "implementers",
    "contractors",
    "updated",
]
FILE_CHUNK = 64 * 1024
RELATED = (PARTICIPATIONS,)  # the funders, implementers and contractors columns


NAMED_ROLES = ("funder", "implementer", "contractor")


def _names(project: ProjectRecord, role: str) -> str:
    return "; ".join(
        participation.organization.name
        for participation in project.participations
        if participation.role == role
    )


def project_row(project: ProjectRecord) -> list:
    point = project.point
    municipality = project.municipality
    return [
        identifier_of(project.code),
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
        *(_names(project, role) for role in NAMED_ROLES),
        project.updated_at.date(),
    ]


def project_rows(queryset) -> Iterator[list]:
    """One row per project: the project query and one for their organizations per chunk."""
    for project in iter_records(queryset, related=RELATED):
        yield project_row(project)


TRANSACTION_COLUMNS = [
    "project_identifier",
    "project_code",
    "transaction_id",
    "kind",
    "date",
    "amount",
    "currency",
    "amount_lyd",
    "provider",
    "receiver",
]


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


class _Echo:
    def write(self, value):
        return value


def csv_bytes(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """CSV in UTF-8 with a byte-order mark, so spreadsheet programs read Arabic right."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode() + writer.writerow(header).encode()
    for row in rows:
        yield writer.writerow(["" if value is None else value for value in row]).encode()


def xlsx_bytes(header: list[str], rows: Iterable[list], *, title: str) -> Iterator[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(FILE_CHUNK):
            yield chunk
