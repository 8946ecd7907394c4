"""Import candidate projects from the ministry's spreadsheet (XLSX or CSV): all rows or none.

Columns: code, title_ar, title_en, description_ar, description_en, sector, project_type,
municipality (p-code or name), budget, currency, beneficiaries, planned_start, planned_end.
Projects are created "identified" through `portfolio.services.project_create`, so each one
is validated and audited like a project typed in by hand. The file is read as the damage
import reads it (formulas without a saved result refused, CSV encodings detected).

Every problem of the file comes in one pass: the cells that do not parse, the codes not in
the lists, and what the project's own validation refuses (each naming its row and column in
the page's language); nothing is kept unless there are none. A description (Arabic or
English) is required here because appraisal, the next step, requires one. Headers may be
the column codes above or the template's "Arabic / English" labels (`template.py`).
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imar.core.money import Currency
from imar.core.text import normalize_search
from imar.needs.imports.common import ImportResult, cell_text, place_index, read_rows
from imar.portfolio.enums import ProjectType
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector
from imar.portfolio.services import project_create

COLUMNS = [
    "code",
    "title_ar",
    "title_en",
    "description_ar",
    "description_en",
    "sector",
    "project_type",
    "municipality",
    "budget",
    "currency",
    "beneficiaries",
    "planned_start",
    "planned_end",
]
REQUIRED = {"code", "title_ar", "title_en", "sector", "project_type", "municipality"}
MAX_ROWS = 5_000
LABELS = {
    "code": gettext_lazy("Project code"),
    "title_ar": gettext_lazy("Title (Arabic)"),
    "title_en": gettext_lazy("Title (English)"),
    "description_ar": gettext_lazy("Description (Arabic)"),
    "description_en": gettext_lazy("Description (English)"),
    "sector": gettext_lazy("Sector"),
    "project_type": gettext_lazy("Project type"),
    "municipality": gettext_lazy("Municipality"),
    "budget": gettext_lazy("Budget"),
    "currency": gettext_lazy("Currency"),
    "beneficiaries": gettext_lazy("Beneficiaries"),
    "planned_start": gettext_lazy("Planned start"),
    "planned_end": gettext_lazy("Planned end"),
}


def bilingual_header(column: str) -> str:
    """The template's header of a column: "Arabic / English"."""
    with translation.override("ar"):
        arabic = str(LABELS[column])
    with translation.override("en"):
        english = str(LABELS[column])
    return f"{arabic} / {english}"


def _header_keys(cells: list) -> list[str]:
    """Each header cell's column code: the code itself, or a label in Arabic or English."""
    known = {}
    for column in COLUMNS:
        known[column] = column
        known[normalize_search(bilingual_header(column))] = column
        for part in bilingual_header(column).split(" / "):
            known[normalize_search(part)] = column
    keys = []
    for cell in cells:
        text = normalize_search(cell_text(cell))
        code = text.replace(" ", "_")
        keys.append(known.get(code) or known.get(text) or code)
    return keys


def column_label(column: str) -> str:
    return str(LABELS[column]) if column in LABELS else column


def _date(value) -> dt.date | None | str:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # reported by the caller


def _row_fields(cells: dict, number: int, places, errors: list[str]) -> dict:
    def fail(column, message):
        errors.append(
            _("Row %(row)s, %(column)s: %(message)s")
            % {"row": number, "column": column_label(column), "message": message}
        )

    fields = {name: cell_text(cells.get(name)) for name in COLUMNS[:7]}
    for column in ("code", "title_ar", "title_en"):
        if not fields[column]:
            fail(column, _("this column is required."))
    if not (fields["description_ar"] or fields["description_en"]):
        fail(
            "description_ar",
            _("a description (Arabic or English) is required: appraisal needs one."),
        )
    for column, choices in (("sector", Sector), ("project_type", ProjectType)):
        fields[column] = fields[column].lower()
        if fields[column] not in choices.values:
            fail(
                column,
                _("“%(value)s” is not in the list (see the template's Lists sheet).")
                % {"value": fields[column]},
            )
    place_text = cell_text(cells.get("municipality"))
    place = places.get(place_text.lower()) or places.get(normalize_search(place_text))
    if place is None:
        fail("municipality", _("“%(value)s” is not a known municipality.") % {"value": place_text})
    fields["municipality"] = place
    budget_text = cell_text(cells.get("budget")).replace(",", "")
    try:
        fields["budget"] = Decimal(budget_text) if budget_text else None
    except InvalidOperation:
        fail("budget", _("“%(value)s” is not a number.") % {"value": budget_text})
    fields["currency"] = cell_text(cells.get("currency")).upper() or "LYD"
    if fields["currency"] not in Currency.values:
        fail("currency", _("“%(value)s” is not a known currency.") % {"value": fields["currency"]})
    people = cell_text(cells.get("beneficiaries")).replace(",", "")
    if people:
        if people.isdigit():
            fields["beneficiaries"] = int(people)
        else:
            fail("beneficiaries", _("must be a whole number."))
    for column in ("planned_start", "planned_end"):
        value = _date(cells.get(column))
        if isinstance(value, str):
            fail(column, _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value})
        else:
            fields[column] = value
    return fields


def import_projects(*, data: bytes, filename: str, by, progress=None) -> ImportResult:
    """Create every project in the file, or none when any row is wrong. `progress(done,
    total, message)` (a job's reporter) hears the rows validated so far."""
    rows, errors = read_rows(data=data, filename=filename, max_rows=MAX_ROWS)
    if errors:
        return ImportResult(errors=errors)
    if not rows:
        return ImportResult(errors=[_("The file is empty.")])
    header = _header_keys(rows[0])
    missing = [column for column in COLUMNS if column in REQUIRED and column not in header]
    if missing:
        names = ", ".join(f"{column_label(c)} ({c})" for c in missing)
        return ImportResult(errors=[_("Missing column(s): %(columns)s.") % {"columns": names}])
    if len(rows) - 1 > MAX_ROWS:
        return ImportResult(
            errors=[_("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS}]
        )
    places = place_index()
    existing = set(Project.objects.values_list("code", flat=True))
    errors: list[str] = []
    seen: dict[str, int] = {}
    planned: list[tuple[int, dict]] = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell_text(v) for v in raw):
            continue
        cells = {name: raw[i] if i < len(raw) else None for i, name in enumerate(header)}
        before = len(errors)
        fields = _row_fields(cells, number, places, errors)
        code = fields["code"]
        if code in seen:
            errors.append(
                _("Row %(row)s: the code %(code)s is already used in row %(other)s.")
                % {"row": number, "code": code, "other": seen[code]}
            )
        elif code in existing:
            errors.append(
                _("Row %(row)s: a project with code %(code)s already exists.")
                % {"row": number, "code": code}
            )
        seen.setdefault(code, number)
        if len(errors) == before:
            planned.append((number, fields))
    if not planned and not errors:
        errors.append(_("The file has no data rows."))
    # The rows that parsed are validated by creating them, in a transaction undone when
    # anything at all is wrong: their problems come with the parse problems, in one pass.
    result = ImportResult()
    if progress is not None:
        progress(0, len(planned), _("Checking and creating the projects"))
    with transaction.atomic():
        for done, (number, fields) in enumerate(planned, start=1):
            if progress is not None:
                progress(done, len(planned))
            try:
                with transaction.atomic():
                    project_create(by=by, reason=_("Imported from a spreadsheet."), **fields)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        where = {
                            "row": number,
                            "column": column_label(field),
                            "message": message,
                        }
                        if field == NON_FIELD_ERRORS:
                            errors.append(_("Row %(row)s: %(message)s") % where)
                        else:
                            errors.append(_("Row %(row)s, %(column)s: %(message)s") % where)
            else:
                result.created += 1
                result.codes.append(fields["code"])
        if errors:  # all or nothing: undo the rows already created
            transaction.set_rollback(True)
            return ImportResult(errors=_in_row_order(errors))
    return result


def _in_row_order(errors: list[str]) -> list[str]:
    """Parse and validation problems of the same row side by side (stable otherwise)."""

    def row(message):
        match = re.search(r"\d+", message)
        return int(match.group()) if match else 0

    return sorted(errors, key=row)
