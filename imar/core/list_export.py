"""Staff lists as spreadsheets: `?format=csv` or `?format=xlsx` on a list page.

One mechanism for every staff list, the dashboard, the attention list and the audit trail.
The page's view builds its queryset exactly as for the page (the reader's permissions, the
page's filters and sort), then, when `export_format(request)` names a format, hands every
row (not one page) to `export_response` with the columns to write. So an export holds what
the page lists, no more: an engineer exports their districts only.

Cells go through `imar.core.sheet_output` (formula neutralisation, frozen header, column
widths, a right-to-left sheet when the page is in Arabic). The export links are built from
the current query string by the `export_links` template tag (`core/_export_links.html`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify

from imar.core.sheet_output import (
    DATE_FORMAT,
    INTEGER_FORMAT,
    MONEY_FORMAT,
    Column,
    Sheet,
    csv_bytes,
    xlsx_bytes,
)

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Field:
    """One exported column: its (translated) header and how a row gives its value."""

    label: Any
    value: Callable[[Any], Any]
    width: int = 16
    number_format: str = ""


def money(label, value, width: int = 16) -> Field:
    return Field(label, value, width, MONEY_FORMAT)


def integer(label, value, width: int = 12) -> Field:
    return Field(label, value, width, INTEGER_FORMAT)


def day(label, value, width: int = 12) -> Field:
    return Field(label, value, width, DATE_FORMAT)


def export_format(request) -> str | None:
    """'csv' or 'xlsx' when the list page is asked for a spreadsheet, else None."""
    value = request.GET.get("format", "")
    return value if value in FORMATS else None


def cell(value):
    """A value a sheet can hold: numbers, dates and booleans as they are, text as text
    (lazy translations, choices and model instances through str), aware times local."""
    if value is None or isinstance(value, (bool, int, float, Decimal, str)):
        return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value)
    return str(value)


def table(fields: Iterable[Field], rows: Iterable) -> tuple[list[str], Iterable[list]]:
    fields = list(fields)
    header = [str(f.label) for f in fields]
    return header, ([cell(f.value(row)) for f in fields] for row in rows)


def export_response(
    fmt: str, *, name: str, title, fields: Iterable[Field], rows: Iterable
) -> StreamingHttpResponse:
    """The rows as a CSV or XLSX download named `<name>-<today>.<fmt>`."""
    fields = list(fields)
    header, values = table(fields, rows)
    if fmt == "xlsx":
        sheet = Sheet(
            title=str(title),
            columns=[
                Column(h, f.width, f.number_format) for h, f in zip(header, fields, strict=True)
            ],
            rows=values,
            right_to_left=bool(translation.get_language_bidi()),
        )
        body = xlsx_bytes([sheet])
    else:
        body = csv_bytes(header, values)
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[fmt])
    filename = f"{slugify(name) or 'export'}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_query(params, fmt: str) -> str:
    """The query string of the current page for its export: same filters and sort, no page."""
    query = params.copy()
    for key in ("page", "format"):
        query.pop(key, None)
    query["format"] = fmt
    return query.urlencode()
