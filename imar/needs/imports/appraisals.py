"""Import the staff's appraisal scores (XLSX or CSV): all rows or none.

Columns: ``project`` (its code), ``score`` (a whole number from 0 to 100), ``note`` (optional).
Each row is saved through `services.appraisal_set`, so each is validated and audited as one
typed on the scoring page. The file is read as every needs import reads it
(`imports.common.read_rows`: formulas without a saved result refused, CSV encodings found).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from imar.needs.imports.common import ImportResult, cell_text, read_rows
from imar.needs.services import appraisal_set, parse_score
from imar.portfolio.models import Project

COLUMNS = ["project", "score", "note"]
REQUIRED = {"project", "score"}
MAX_ROWS = 5_000
MAX_NOTE = 2_000


def import_appraisals(*, data: bytes, filename: str, by, projects=None) -> ImportResult:
    """``projects``: the queryset the user may appraise (default every project)."""
    rows, errors = read_rows(data=data, filename=filename, max_rows=MAX_ROWS)
    result = ImportResult(errors=errors)
    if errors:
        return result
    if not rows:
        result.errors.append(_("The file is empty."))
        return result
    header = [cell_text(cell).lower() for cell in rows[0]]
    missing = sorted(REQUIRED - set(header))
    if missing:
        result.errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        return result
    position = {name: header.index(name) for name in COLUMNS if name in header}
    queryset = projects if projects is not None else Project.objects.all()
    codes = set()
    parsed = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name, row=row):
            k = position.get(name)
            return row[k] if k is not None and k < len(row) else None

        if all(cell_text(value) == "" for value in row):
            continue
        code = cell_text(cell("project"))
        score = parse_score(cell("score"))
        note = cell_text(cell("note"))
        if not code:
            result.errors.append(_("Row %(row)s: the project code is missing.") % {"row": number})
            continue
        if code in codes:
            result.errors.append(
                _("Row %(row)s: project %(code)s appears twice.") % {"row": number, "code": code}
            )
            continue
        codes.add(code)
        if score is None:
            result.errors.append(
                _("Row %(row)s: the score must be a whole number from 0 to 100.") % {"row": number}
            )
            continue
        if len(note) > MAX_NOTE:
            result.errors.append(
                _("Row %(row)s: the note is longer than %(max)s characters.")
                % {"row": number, "max": MAX_NOTE}
            )
            continue
        parsed.append((number, code, score, note))
    found = {p.code: p for p in queryset.filter(code__in=codes)}
    for number, code, _score, _note in parsed:
        if code not in found:
            result.errors.append(
                _("Row %(row)s: no project you may appraise has the code %(code)s.")
                % {"row": number, "code": code}
            )
    if result.errors:
        return result
    with transaction.atomic():
        for _number, code, score, note in parsed:
            appraisal_set(project=found[code], score=score, note=note, by=by)
            result.updated += 1
    return result
