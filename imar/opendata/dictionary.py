"""The published data dictionary: every column of every tabular format, in both languages,
and the licence of the open data (the setting `IMAR_OPEN_DATA_LICENCE`, with its URL).

Shown on `/open-data/`, downloadable as `/open-data/dictionary.csv` (the CSV's companion),
embedded in each XLSX (its "about" sheet) and, for the licence, in each GeoJSON file (a
top-level `licence` member). IATI and OC4IDS are standards with their own published
schemas: the dictionary names them rather than repeating them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from imar.opendata.exports.geojson.features import PROPERTIES as GEOJSON_PROPERTIES
from imar.opendata.exports.tabular.tables import PROJECT_COLUMNS, TRANSACTION_COLUMNS

TEXT, NUMBER, DATE, BOOLEAN, CODE = "text", "number", "date", "boolean", "code"

# name -> (type, description). One description per name, shared by the formats using it.
FIELDS = {
    "identifier": (CODE, _("Globally unique project identifier (the IATI activity identifier).")),
    "project_identifier": (CODE, _("The identifier of the project the transaction belongs to.")),
    "code": (CODE, _("The fund's own project code.")),
    "project_code": (CODE, _("The fund's code of the project the transaction belongs to.")),
    "title_ar": (TEXT, _("Project title in Arabic.")),
    "title_en": (TEXT, _("Project title in English.")),
    "status": (
        CODE,
        _(
            "Lifecycle status: identified, appraised, approved, procurement, implementation, completed, suspended or cancelled."
        ),
    ),
    "sector": (CODE, _("The fund's sector code.")),
    "sector_dac5": (CODE, _("OECD DAC 5-digit purpose code of the sector.")),
    "project_type": (CODE, _("construction, rehabilitation, replacement or expansion.")),
    "program": (CODE, _("Code of the program the project belongs to, if any.")),
    "region": (CODE, _("Region p-code (OCHA).")),
    "district_iso": (CODE, _("District code (ISO 3166-2:LY).")),
    "district_en": (TEXT, _("District name in English.")),
    "municipality_pcode": (CODE, _("Municipality p-code (OCHA).")),
    "municipality_ar": (TEXT, _("Municipality name in Arabic.")),
    "municipality_en": (TEXT, _("Municipality name in English.")),
    "latitude": (
        NUMBER,
        _(
            "Latitude (WGS 84, decimal degrees) of the site, or of its municipality when approximate."
        ),
    ),
    "longitude": (
        NUMBER,
        _(
            "Longitude (WGS 84, decimal degrees) of the site, or of its municipality when approximate."
        ),
    ),
    "location_approximate": (
        BOOLEAN,
        _(
            "True when the point is the municipality's, not the site's (no site point, or a location-sensitive project)."
        ),
    ),
    "planned_start": (DATE, _("Planned start date (YYYY-MM-DD).")),
    "planned_end": (DATE, _("Planned end date (YYYY-MM-DD).")),
    "actual_start": (DATE, _("Actual start date (YYYY-MM-DD).")),
    "actual_end": (DATE, _("Actual end date (YYYY-MM-DD).")),
    "budget": (NUMBER, _("Total budget, in the project's currency.")),
    "currency": (CODE, _("ISO 4217 currency code.")),
    "beneficiaries": (NUMBER, _("Expected number of people who benefit.")),
    "funders": (TEXT, _("Funding organizations, separated by semicolons.")),
    "implementers": (TEXT, _("Implementing organizations, separated by semicolons.")),
    "contractors": (TEXT, _("Contractors, separated by semicolons.")),
    "updated": (DATE, _("Date of the project record's last change.")),
    "transaction_id": (CODE, _("The transaction's identifier.")),
    "kind": (CODE, _("commitment, disbursement or expenditure.")),
    "date": (DATE, _("Date of the transaction (YYYY-MM-DD).")),
    "amount": (NUMBER, _("Amount in the transaction's currency.")),
    "amount_lyd": (NUMBER, _("Amount in Libyan dinars at the rate of the transaction's date.")),
    "provider": (TEXT, _("Organization the money comes from.")),
    "receiver": (TEXT, _("Organization the money goes to.")),
}


@dataclass(frozen=True)
class Table:
    name: str  # e.g. "projects.csv, projects.xlsx"
    path: str  # the download, e.g. "/open-data/projects.csv"
    columns: list[str]


TABLES = [
    Table("projects (CSV, XLSX)", "/open-data/projects.csv", PROJECT_COLUMNS),
    Table(
        "transactions (CSV, XLSX)",
        "/open-data/projects.csv?kind=transactions",
        TRANSACTION_COLUMNS,
    ),
    Table("projects (GeoJSON properties)", "/open-data/projects.geojson", GEOJSON_PROPERTIES),
]
STANDARDS = [
    ("IATI 2.03", "/open-data/projects.xml", "https://iatistandard.org/en/iati-standard/203/"),
    (
        "OC4IDS 0.9",
        "/open-data/projects.json",
        "https://standard.open-contracting.org/infrastructure/",
    ),
]
FORMULA_NOTE = _(
    "A text that starts with =, +, -, @, a tab or a carriage return is written as text: "
    "in CSV with a leading apostrophe ('), in XLSX as a text cell."
)


def licence() -> dict:
    return {"name": settings.IMAR_OPEN_DATA_LICENCE, "url": settings.IMAR_OPEN_DATA_LICENCE_URL}


def describe(name: str) -> tuple[str, str, str]:
    """(type, English, Arabic) of a column."""
    kind, text = FIELDS[name]
    with override("en"):
        english = str(text)
    with override("ar"):
        arabic = str(text)
    return kind, english, arabic


def rows(columns: list[str]) -> list[list[str]]:
    """The dictionary of these columns: [column, type, English, Arabic] rows."""
    return [[name, *describe(name)] for name in columns]


def about_rows(columns: list[str]) -> list[list[str]]:
    """The XLSX "about" sheet: the licence and source first, then the columns."""
    terms = licence()
    with override("en"):
        note_en = str(FORMULA_NOTE)
    with override("ar"):
        note_ar = str(FORMULA_NOTE)
    return [
        ["licence", "", f"{terms['name']} {terms['url']}", f"{terms['name']} {terms['url']}"],
        ["publisher", "", settings.IMAR_FUND_NAME_EN, settings.IMAR_FUND_NAME_AR],
        ["text", "", note_en, note_ar],
        *rows(columns),
    ]


def dictionary_rows() -> list[list[str]]:
    """Every table's columns, for the companion CSV: [table, column, type, English, Arabic]."""
    return [[table.name, *row] for table in TABLES for row in rows(table.columns)]


DICTIONARY_HEADER = ["table", "column", "type", "description_en", "description_ar"]
