"""Import damage records from a spreadsheet (XLSX or CSV): all rows or none.

Columns (first row): municipality (OCHA p-code or English/Arabic name), sector (PDNA code),
damage, losses, recovery_needs, currency, people_affected, units_damaged. A row for a
municipality and sector already in the assessment replaces it, so a corrected file can be
imported again. Every error names its row (as numbered in the spreadsheet) and column.

A required number left blank is refused, not taken as 0; an optional one left blank keeps
the record's stored value (0 for a new record). The file is read by `imar.core.sheets`:
formulas without a saved result are refused cell by cell, CSV encodings are detected.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.money import Currency
from imar.core.text import normalize_search
from imar.needs.enums import PdnaSector
from imar.needs.imports.common import ImportResult, cell_text, place_index, read_rows
from imar.needs.models import Assessment, DamageRecord

COLUMNS = [
    "municipality",
    "sector",
    "damage",
    "losses",
    "recovery_needs",
    "currency",
    "people_affected",
    "units_damaged",
]
REQUIRED = {"municipality", "sector", "recovery_needs", "currency"}
AMOUNTS = ["damage", "losses", "recovery_needs"]
COUNTS = ["people_affected", "units_damaged"]
NUMBERS = {*AMOUNTS, *COUNTS}
MAX_ROWS = 20_000


def _amount(
    value, row: int, column: str, errors: list[str], *, required: bool = False
) -> Decimal | None:
    """The amount in the cell; None when blank (refused if the column is required)."""
    text = cell_text(value).replace(",", "")
    if not text:
        if required:
            errors.append(
                _("Row %(row)s, %(column)s: this number is required; the cell is empty.")
                % {"row": row, "column": column}
            )
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        errors.append(
            _("Row %(row)s, %(column)s: “%(value)s” is not a number.")
            % {"row": row, "column": column, "value": text}
        )
        return None
    if amount < 0:
        errors.append(
            _("Row %(row)s, %(column)s: the amount cannot be negative.")
            % {"row": row, "column": column}
        )
    return amount.quantize(Decimal("0.01"))


def _count(value, row: int, column: str, errors: list[str], *, required: bool = False):
    amount = _amount(value, row, column, errors, required=required)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        errors.append(
            _("Row %(row)s, %(column)s: must be a whole number.") % {"row": row, "column": column}
        )
    return int(amount)


def parse_damage_rows(rows: list[list]) -> tuple[list[dict], list[str]]:
    """Validated records and the translated errors (row numbers as in the spreadsheet)."""
    errors: list[str] = []
    if not rows:
        return [], [_("The file is empty.")]
    header = [normalize_search(cell_text(h)).replace(" ", "_") for h in rows[0]]
    missing = sorted(REQUIRED - set(header))
    if missing:
        return [], [_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS}]
    places = place_index()
    seen: dict[tuple[int, str], int] = {}
    records = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell_text(v) for v in raw):
            continue
        cells = {name: raw[i] if i < len(raw) else None for i, name in enumerate(header)}
        place_text = cell_text(cells.get("municipality"))
        place = places.get(place_text.lower()) or places.get(normalize_search(place_text))
        if place is None:
            errors.append(
                _("Row %(row)s, municipality: “%(value)s” is not a known municipality.")
                % {"row": number, "value": place_text}
            )
        sector = cell_text(cells.get("sector")).lower()
        if sector not in PdnaSector.values:
            errors.append(
                _("Row %(row)s, sector: “%(value)s” is not a sector (use one of %(codes)s).")
                % {"row": number, "value": sector, "codes": ", ".join(PdnaSector.values)}
            )
        currency = cell_text(cells.get("currency")).upper()
        if currency not in Currency.values:
            errors.append(
                _("Row %(row)s, currency: “%(value)s” is not a known currency.")
                % {"row": number, "value": currency}
            )
        record = {"municipality": place, "sector": sector, "currency": currency}
        for column in AMOUNTS:
            record[column] = _amount(
                cells.get(column), number, column, errors, required=column in REQUIRED
            )
        for column in COUNTS:
            record[column] = _count(
                cells.get(column), number, column, errors, required=column in REQUIRED
            )
        # A blank optional number keeps what is stored (the model's 0 for a new record).
        record = {k: v for k, v in record.items() if v is not None or k not in NUMBERS}
        if place is not None:
            key = (place.pk, sector)
            if key in seen:
                errors.append(
                    _("Row %(row)s: the same municipality and sector as row %(other)s.")
                    % {"row": number, "other": seen[key]}
                )
            seen[key] = number
        records.append(record)
    if not records and not errors:
        errors.append(_("The file has no data rows."))
    return records, errors


def import_damage_records(
    *, data: bytes, filename: str, assessment: Assessment, by
) -> ImportResult:
    """Import every row, or none when any row is wrong."""
    rows, errors = read_rows(data=data, filename=filename, max_rows=MAX_ROWS)
    if errors:
        return ImportResult(errors=errors)
    records, errors = parse_damage_rows(rows)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    with transaction.atomic():
        for record in records:
            _obj, created = DamageRecord.objects.update_or_create(
                assessment=assessment,
                municipality=record.pop("municipality"),
                sector=record.pop("sector"),
                defaults=record,
            )
            result.created += created
            result.updated += not created
        record_event(
            action="import",
            instance=assessment,
            actor=by,
            reason=f"{result.created} damage records created, {result.updated} updated",
        )
    return result
