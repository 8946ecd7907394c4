"""Import candidate projects from the ministry's spreadsheet (XLSX or CSV): all rows or none.

Columns: code, title_ar, title_en, description_ar, description_en, sector, project_type,
municipality (p-code or name), budget, currency, beneficiaries, planned_start, planned_end.
Projects are created "identified" through `portfolio.services.project_create`, so each one
is validated and audited like a project typed in by hand. The file is read as the damage
import reads it (formulas without a saved result refused, CSV encodings detected).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imar.core.text import normalize_search
from imar.needs.imports.common import ImportResult, cell_text, place_index, read_rows
from imar.portfolio.models import Project
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
            % {"row": number, "column": column, "message": message}
        )

    fields = {name: cell_text(cells.get(name)) for name in COLUMNS[:7]}
    fields["sector"] = fields["sector"].lower()
    fields["project_type"] = fields["project_type"].lower()
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


def import_projects(*, data: bytes, filename: str, by) -> ImportResult:
    """Create every project in the file, or none when any row is wrong."""
    rows, errors = read_rows(data=data, filename=filename, max_rows=MAX_ROWS)
    if errors:
        return ImportResult(errors=errors)
    if not rows:
        return ImportResult(errors=[_("The file is empty.")])
    header = [normalize_search(cell_text(h)).replace(" ", "_") for h in rows[0]]
    missing = sorted(REQUIRED - set(header))
    if missing:
        return ImportResult(
            errors=[_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}]
        )
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
        seen[code] = number
        planned.append((number, fields))
    if not planned and not errors:
        errors.append(_("The file has no data rows."))
    if errors:
        return ImportResult(errors=errors)

    result = ImportResult()
    with transaction.atomic():
        for number, fields in planned:
            try:
                with transaction.atomic():
                    project_create(by=by, reason=_("Imported from a spreadsheet."), **fields)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        where = {"row": number, "column": field, "message": message}
                        if field == NON_FIELD_ERRORS:
                            errors.append(_("Row %(row)s: %(message)s") % where)
                        else:
                            errors.append(_("Row %(row)s, %(column)s: %(message)s") % where)
            else:
                result.created += 1
        if errors:  # all or nothing: undo the rows already created
            transaction.set_rollback(True)
            return ImportResult(errors=errors)
    return result
