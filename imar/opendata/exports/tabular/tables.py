"""CSV, XLSX and GeoJSON: one row (or feature) per public project, streamed.

XLSX is a zip, so it cannot go out byte by byte while it is written; openpyxl's
write-only mode streams rows to a temporary file on disk, which is then sent in chunks:
memory stays flat either way.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from imar.geo.points import point_or_municipality
from imar.monitoring.models import Transaction
from imar.opendata.source import identifier_of, project_identifier
from imar.portfolio.models import ProjectOrganization
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


ROW_FIELDS = [
    "id",
    "code",
    "title_ar",
    "title_en",
    "status",
    "sector",
    "project_type",
    "program__code",
    "municipality__district__region__code",
    "municipality__district__iso_code",
    "municipality__district__name_en",
    "municipality__pcode",
    "municipality__name_ar",
    "municipality__name_en",
    "latitude",
    "longitude",
    "municipality__latitude",
    "municipality__longitude",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "beneficiaries",
    "updated_at",
]
NAMED_ROLES = ("funder", "implementer", "contractor")


def _chunks(rows, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _names_by_project(project_ids: list[int]) -> dict[tuple[int, str], str]:
    names: dict[tuple[int, str], list[str]] = {}
    rows = (
        ProjectOrganization.objects.public()
        .filter(project_id__in=project_ids, role__in=NAMED_ROLES)
        .order_by("id")
        .values_list("project_id", "role", "organization__name_en", "organization__name_ar")
    )
    for project_id, role, name_en, name_ar in rows:
        names.setdefault((project_id, role), []).append(name_en or name_ar)
    return {key: "; ".join(value) for key, value in names.items()}


def project_rows(queryset) -> Iterator[list]:
    """Plain rows from one query per 2,000 projects plus one for their organizations: a
    table needs no model objects, and skipping them makes the export many times faster."""
    rows = queryset.values_list(*ROW_FIELDS).iterator(chunk_size=2000)
    for chunk in _chunks(rows, 2000):
        names = _names_by_project([row[0] for row in chunk])
        for row in chunk:
            (pk, code, title_ar, title_en, status, sector, project_type, program, region,
             district_iso, district_en, town_pcode, town_ar, town_en, latitude, longitude,
             town_latitude, town_longitude, planned_start, planned_end, actual_start,
             actual_end, budget, currency, beneficiaries, updated_at) = row  # fmt: skip
            latitude, longitude, approximate = point_or_municipality(
                latitude, longitude, town_latitude, town_longitude
            )
            yield [
                identifier_of(code),
                code,
                title_ar,
                title_en,
                status,
                sector,
                SECTOR_CODES[sector].dac5,
                project_type,
                program or "",
                region,
                district_iso,
                district_en,
                town_pcode,
                town_ar,
                town_en,
                round(latitude, 6),
                round(longitude, 6),
                approximate,
                planned_start,
                planned_end,
                actual_start,
                actual_end,
                budget,
                currency,
                beneficiaries,
                *(names.get((pk, role), "") for role in NAMED_ROLES),
                updated_at.date(),
            ]


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


def transaction_rows(projects) -> Iterator[list]:
    """One row per public transaction of these (already public, filtered) projects."""

    rows = (
        Transaction.objects.public()
        .filter(project__in=projects.order_by().values("pk"))
        .select_related("project", "provider", "receiver")
        .order_by("project__code", "date", "id")
    )
    for t in rows.iterator(chunk_size=2000):
        yield [
            project_identifier(t.project),
            t.project.code,
            f"T{t.pk}",
            t.kind,
            t.date,
            t.amount,
            t.currency,
            t.amount_lyd,
            (t.provider.name_en or t.provider.name_ar) if t.provider else "",
            (t.receiver.name_en or t.receiver.name_ar) if t.receiver else "",
        ]


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
