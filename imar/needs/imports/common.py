"""What every spreadsheet import of the needs app shares: the file read through
`imar.core.sheets` (its problems in words), the result, a cell's text and the gazetteer's
index of places by p-code and name."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from imar.core.sheets import SheetError, read_table
from imar.core.text import normalize_search
from imar.geo.aliases import place_aliases
from imar.geo.models import Municipality


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # of the records created

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(*, data: bytes, filename: str, max_rows: int) -> tuple[list[list], list[str]]:
    """The spreadsheet's rows (header first), or the translated reasons it cannot be read."""
    try:
        return read_table(data, filename, max_rows=max_rows).rows, []
    except SheetError as problem:
        return [], sheet_errors(problem)


def sheet_errors(problem: SheetError) -> list[str]:
    p = problem.params
    if problem.code == "formulas":
        messages = []
        for cell in p["cells"]:
            where = {"row": cell.row, "column": cell.column, "formula": cell.formula}
            if cell.header:
                messages.append(
                    _(
                        "Row %(row)s, column %(column)s (%(header)s): the formula %(formula)s "
                        "has no saved result. Open the file in Excel or LibreOffice, let it "
                        "calculate, save it, and import it again."
                    )
                    % {**where, "header": cell.header}
                )
            else:
                messages.append(
                    _(
                        "Row %(row)s, column %(column)s: the formula %(formula)s has no saved "
                        "result. Open the file in Excel or LibreOffice, let it calculate, save "
                        "it, and import it again."
                    )
                    % where
                )
        if p["count"] > len(p["cells"]):
            messages.append(
                _("… and %(more)s more formula cells without a saved result.")
                % {"more": p["count"] - len(p["cells"])}
            )
        return messages
    if problem.code == "encoding":
        return [
            _(
                "The file is not in a text encoding that can be read. Save it as CSV in UTF-8 "
                "(in Excel: “CSV UTF-8”), in UTF-16 (in Excel: “Unicode Text”) or in "
                "Windows-1256 (Arabic Windows), and import it again."
            )
        ]
    if problem.code == "too_many_rows":
        return [_("At most %(max)s rows can be imported at once.") % {"max": p["max_rows"]}]
    return [_("The file could not be read as XLSX or CSV.")]


def cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def place_index() -> dict[str, Municipality]:
    index = {}
    for place in Municipality.objects.all():
        index[place.pcode.lower()] = place
        index.setdefault(normalize_search(place.name_en), place)
        index.setdefault(normalize_search(place.name_ar), place)
    by_pcode = {place.pcode: place for place in index.values()}
    for name, pcode in place_aliases():  # localities, e.g. Susah → Shahhat
        if pcode in by_pcode:
            index.setdefault(normalize_search(name), by_pcode[pcode])
    return index
