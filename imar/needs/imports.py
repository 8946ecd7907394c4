"""Import damage records from a spreadsheet (XLSX or CSV): all rows or none.

Columns (first row): municipality (OCHA p-code or English/Arabic name), sector (PDNA code),
damage, losses, recovery_needs, currency, people_affected, units_damaged. A row for a
municipality and sector already in the assessment replaces it, so a corrected file can be
imported again. Every error names its row (as numbered in the spreadsheet) and column.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.money import Currency
from imar.core.text import normalize_search
from imar.geo.models import Municipality
from imar.needs.enums import PdnaSector
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
MAX_ROWS = 20_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(data: bytes, filename: str) -> list[list]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _amount(value, row: int, column: str, errors: list[str]) -> Decimal:
    text = _text(value).replace(",", "")
    if not text:
        return Decimal(0)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        errors.append(
            _("Row %(row)s, %(column)s: “%(value)s” is not a number.")
            % {"row": row, "column": column, "value": text}
        )
        return Decimal(0)
    if amount < 0:
        errors.append(
            _("Row %(row)s, %(column)s: the amount cannot be negative.")
            % {"row": row, "column": column}
        )
    return amount.quantize(Decimal("0.01"))


def _count(value, row: int, column: str, errors: list[str]) -> int:
    amount = _amount(value, row, column, errors)
    if amount != amount.to_integral_value():
        errors.append(
            _("Row %(row)s, %(column)s: must be a whole number.") % {"row": row, "column": column}
        )
    return int(amount)


def _place_index() -> dict[str, Municipality]:
    index = {}
    for place in Municipality.objects.all():
        index[place.pcode.lower()] = place
        index.setdefault(normalize_search(place.name_en), place)
        index.setdefault(normalize_search(place.name_ar), place)
    return index


def parse_damage_rows(rows: list[list]) -> tuple[list[dict], list[str]]:
    """Validated records and the translated errors (row numbers as in the spreadsheet)."""
    errors: list[str] = []
    if not rows:
        return [], [_("The file is empty.")]
    header = [normalize_search(_text(h)).replace(" ", "_") for h in rows[0]]
    missing = sorted(REQUIRED - set(header))
    if missing:
        return [], [_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("At most %(max)s rows can be imported at once.") % {"max": MAX_ROWS}]
    places = _place_index()
    seen: dict[tuple[int, str], int] = {}
    records = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(_text(v) for v in raw):
            continue
        cells = {name: raw[i] if i < len(raw) else None for i, name in enumerate(header)}
        place_text = _text(cells.get("municipality"))
        place = places.get(place_text.lower()) or places.get(normalize_search(place_text))
        if place is None:
            errors.append(
                _("Row %(row)s, municipality: “%(value)s” is not a known municipality.")
                % {"row": number, "value": place_text}
            )
        sector = _text(cells.get("sector")).lower()
        if sector not in PdnaSector.values:
            errors.append(
                _("Row %(row)s, sector: “%(value)s” is not a sector (use one of %(codes)s).")
                % {"row": number, "value": sector, "codes": ", ".join(PdnaSector.values)}
            )
        currency = _text(cells.get("currency")).upper()
        if currency not in Currency.values:
            errors.append(
                _("Row %(row)s, currency: “%(value)s” is not a known currency.")
                % {"row": number, "value": currency}
            )
        record = {
            "municipality": place,
            "sector": sector,
            "currency": currency,
            "damage": _amount(cells.get("damage"), number, "damage", errors),
            "losses": _amount(cells.get("losses"), number, "losses", errors),
            "recovery_needs": _amount(
                cells.get("recovery_needs"), number, "recovery_needs", errors
            ),
            "people_affected": _count(
                cells.get("people_affected"), number, "people_affected", errors
            ),
            "units_damaged": _count(cells.get("units_damaged"), number, "units_damaged", errors),
        }
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
    try:
        rows = _rows(data, filename)
    except Exception:  # a corrupt workbook raises many kinds of errors; all mean the same
        return ImportResult(errors=[_("The file could not be read as XLSX or CSV.")])
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
