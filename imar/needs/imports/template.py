"""The XLSX template of the candidate-project import: one sheet to fill, with "Arabic /
English" headers, a hint row kept out of the import by being a comment, and data-validation
lists in the cells; a second sheet with the valid sectors, project types, municipalities
(with their p-codes and districts) and currencies."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imar.core.money import Currency
from imar.geo.models import Municipality
from imar.needs.imports.projects import COLUMNS, REQUIRED, bilingual_header
from imar.portfolio.enums import ProjectType
from imar.portfolio.sectors import Sector

LISTS = "Lists"
FILL_ROWS = 500
HEADS = [gettext_lazy("Name in Arabic"), gettext_lazy("Name in English"), gettext_lazy("District")]
WIDTHS = {"title_ar": 36, "title_en": 36, "description_ar": 40, "description_en": 40}


def _both(label) -> tuple[str, str]:
    with translation.override("ar"):
        arabic = str(label)
    with translation.override("en"):
        english = str(label)
    return arabic, english


def project_template() -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Projects"
    lists = book.create_sheet(LISTS)
    bold = Font(bold=True)
    required = PatternFill("solid", fgColor="FFF2CC")

    # The lists: code, Arabic name, English name (and a district for municipalities).
    blocks = []
    column = 1
    for title, rows in (
        ("sector", [(v, *_both(label)) for v, label in Sector.choices]),
        ("project_type", [(v, *_both(label)) for v, label in ProjectType.choices]),
        (
            "municipality",
            [
                (m.pcode, m.name_ar, m.name_en, f"{m.district.name_ar} / {m.district.name_en}")
                for m in Municipality.objects.select_related("district").order_by("pcode")
            ],
        ),
        ("currency", [(v, *_both(label)) for v, label in Currency.choices]),
    ):
        width = max(len(r) for r in rows) if rows else 3
        heads = [bilingual_header(title), *(" / ".join(_both(h)) for h in HEADS[: width - 1])]
        for offset, head in enumerate(heads):
            cell = lists.cell(row=1, column=column + offset, value=head)
            cell.font = bold
        for r, values in enumerate(rows, start=2):
            for offset, value in enumerate(values):
                lists.cell(row=r, column=column + offset, value=value)
        letter = lists.cell(row=1, column=column).column_letter
        blocks.append((title, f"{LISTS}!${letter}$2:${letter}${max(len(rows), 1) + 1}"))
        for offset in range(len(heads)):
            letter_of = lists.cell(row=1, column=column + offset).column_letter
            lists.column_dimensions[letter_of].width = 22
        column += len(heads) + 1

    for index, name in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=bilingual_header(name))
        cell.font = bold
        if name in REQUIRED or name == "description_ar":
            cell.fill = required
        cell.comment = Comment(_hint(name), "Imar")
        sheet.column_dimensions[cell.column_letter].width = WIDTHS.get(name, 20)
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = translation.get_language() == "ar"

    for name, source in blocks:
        if name not in COLUMNS:
            continue
        letter = sheet.cell(row=1, column=COLUMNS.index(name) + 1).column_letter
        validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
        validation.error = _("Choose a value from the list (see the Lists sheet).")
        validation.errorTitle = _("Not in the list")
        # A municipality may also be typed by name: warn instead of refusing.
        validation.errorStyle = "warning" if name == "municipality" else "stop"
        validation.add(f"{letter}2:{letter}{FILL_ROWS + 1}")
        sheet.add_data_validation(validation)
    for name in ("planned_start", "planned_end"):
        letter = sheet.cell(row=1, column=COLUMNS.index(name) + 1).column_letter
        for row in range(2, FILL_ROWS + 2):
            sheet[f"{letter}{row}"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _hint(name: str) -> str:
    hints = {
        "code": _("Required. Unique, e.g. DRN-HSG-0001."),
        "title_ar": _("Required."),
        "title_en": _("Required."),
        "description_ar": _("A description in Arabic or English is required (appraisal needs it)."),
        "description_en": _("A description in Arabic or English is required (appraisal needs it)."),
        "sector": _("Required. A code from the Lists sheet."),
        "project_type": _("Required. A code from the Lists sheet."),
        "municipality": _("Required. A p-code or a name from the Lists sheet."),
        "budget": _("A number, without currency."),
        "currency": _("A code from the Lists sheet; LYD when empty."),
        "beneficiaries": _("A whole number of people."),
        "planned_start": _("A date: YYYY-MM-DD."),
        "planned_end": _("A date: YYYY-MM-DD."),
    }
    return hints[name]
