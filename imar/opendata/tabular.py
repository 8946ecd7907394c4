"""CSV, XLSX and GeoJSON: one row (or feature) per public project, streamed.

XLSX is a zip, so it cannot go out byte by byte while it is written; openpyxl's
write-only mode streams rows to a temporary file on disk, which is then sent in chunks:
memory stays flat either way.
"""

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from imar.opendata.source import iter_projects, project_identifier
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


def _names(project, role: str) -> str:
    return "; ".join(
        p.organization.name_en or p.organization.name_ar
        for p in project.participations.all()
        if p.role == role
    )


def project_row(project) -> list:
    latitude, longitude, approximate = project.point
    municipality = project.municipality
    district = municipality.district
    return [
        project_identifier(project),
        project.code,
        project.title_ar,
        project.title_en,
        project.status,
        project.sector,
        SECTOR_CODES[project.sector].dac5,
        project.project_type,
        project.program.code if project.program else "",
        district.region.code,
        district.iso_code,
        district.name_en,
        municipality.pcode,
        municipality.name_ar,
        municipality.name_en,
        round(latitude, 6),
        round(longitude, 6),
        approximate,
        project.planned_start,
        project.planned_end,
        project.actual_start,
        project.actual_end,
        project.budget,
        project.currency,
        project.beneficiaries,
        _names(project, "funder"),
        _names(project, "implementer"),
        _names(project, "contractor"),
        project.updated_at.date(),
    ]


def project_rows(queryset) -> Iterator[list]:
    for project in iter_projects(queryset):
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


def transaction_rows(projects) -> Iterator[list]:
    """One row per public transaction of these (already public, filtered) projects."""
    from imar.portal.public import public_transactions

    rows = (
        public_transactions()
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


def geojson_bytes(queryset) -> Iterator[bytes]:
    yield b'{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for project in iter_projects(queryset):
        latitude, longitude, approximate = project.point
        feature = {
            "type": "Feature",
            "id": project.code,
            "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
            "properties": {
                "identifier": project_identifier(project),
                "code": project.code,
                "title_ar": project.title_ar,
                "title_en": project.title_en,
                "status": project.status,
                "sector": project.sector,
                "municipality_en": project.municipality.name_en,
                "municipality_ar": project.municipality.name_ar,
                "budget": None if project.budget is None else str(project.budget),
                "currency": project.currency,
                "location_approximate": approximate,
            },
        }
        yield (separator + json.dumps(feature, ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"
