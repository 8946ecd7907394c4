"""Damage-record import from XLSX/CSV: all rows or none, errors named by row and column."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from openpyxl import Workbook

from imar.accounts.models import AuditEvent
from imar.needs.imports.damage import import_damage_records
from imar.needs.models import DamageRecord

HEADER = "municipality,sector,damage,losses,recovery_needs,currency,people_affected,units_damaged"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_good_csv_is_imported_with_names_or_pcodes(assessment, officer):
    data = csv_bytes(
        "LY010102,housing,100,50,300,USD,1200,40",
        "درنة,health,10,5,30,USD,100,0",
        'Tripoli,education,"1,000",0,2000,LYD,,',
    )
    result = import_damage_records(data=data, filename="n.csv", assessment=assessment, by=officer)
    assert result.ok and result.created == 3
    derna_health = DamageRecord.objects.get(municipality__pcode="LY010102", sector="health")
    assert derna_health.recovery_needs == 30
    assert DamageRecord.objects.get(sector="education").damage == 1000
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_one_bad_row_means_nothing_is_imported_and_each_error_names_its_row(assessment, officer):
    data = csv_bytes(
        "LY010102,housing,100,50,300,USD,1200,40",
        "Atlantis,housing,100,50,300,USD,1,1",
        "LY010102,schools,100,50,300,USD,1,1",
        "LY021104,health,-5,0,abc,XYZ,1,1",
    )
    result = import_damage_records(data=data, filename="n.csv", assessment=assessment, by=officer)
    assert not result.ok
    assert DamageRecord.objects.count() == 0
    text = "\n".join(result.errors)
    assert "Row 3, municipality: “Atlantis” is not a known municipality." in text
    assert "Row 4, sector: “schools” is not a sector" in text
    assert "Row 5, currency: “XYZ”" in text
    assert "Row 5, damage: the amount cannot be negative." in text
    assert "Row 5, recovery_needs: “abc” is not a number." in text


def test_duplicate_rows_and_missing_columns_are_refused(assessment, officer):
    twice = csv_bytes("LY010102,housing,1,1,1,USD,1,1", "LY010102,housing,2,2,2,USD,1,1")
    result = import_damage_records(data=twice, filename="n.csv", assessment=assessment, by=officer)
    assert result.errors == ["Row 3: the same municipality and sector as row 2."]
    missing = import_damage_records(
        data=b"municipality,sector\nLY010102,housing\n",
        filename="n.csv",
        assessment=assessment,
        by=officer,
    )
    assert "Missing column(s): currency, recovery_needs." in missing.errors


def test_xlsx_import_and_reimport_after_fixing_updates_in_place(assessment, officer):
    def workbook(needs) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(HEADER.split(","))
        sheet.append(["LY010102", "housing", 100, 50, needs, "USD", 10, 2])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    first = import_damage_records(
        data=workbook("oops"), filename="m.xlsx", assessment=assessment, by=officer
    )
    assert first.errors == ["Row 2, recovery_needs: “oops” is not a number."]
    second = import_damage_records(
        data=workbook(300), filename="m.xlsx", assessment=assessment, by=officer
    )
    assert second.ok and second.created == 1
    third = import_damage_records(
        data=workbook(450), filename="m.xlsx", assessment=assessment, by=officer
    )
    assert third.updated == 1 and DamageRecord.objects.get().recovery_needs == 450


def test_import_page_shows_translated_errors_in_arabic(client, officer, assessment):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    upload = SimpleUploadedFile("n.csv", csv_bytes("Atlantis,housing,1,1,1,USD,1,1"))
    response = client.post(reverse("needs:import"), {"assessment": assessment.pk, "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "السطر 2" in html and "Atlantis" in html
    assert DamageRecord.objects.count() == 0


def test_import_page_is_for_planners_only(client, auditor, engineer, assessment):
    for user in (auditor, engineer):
        client.force_login(user)
        assert client.get(reverse("needs:import")).status_code == 403


def test_unreadable_file_is_refused_clearly(assessment, officer):
    result = import_damage_records(
        data=b"not a workbook", filename="x.xlsx", assessment=assessment, by=officer
    )
    assert result.errors == ["The file could not be read as XLSX or CSV."]


PROJECT_HEADER = (
    "code,title_ar,title_en,description_en,sector,project_type,municipality,budget,currency,"
    "beneficiaries,planned_start,planned_end"
)


def project_csv(*rows: str) -> bytes:
    return ("\n".join([PROJECT_HEADER, *rows]) + "\n").encode()


def post_import(client, data: bytes, name="ministry.csv"):
    """Upload candidate projects; the job runs at commit (the immediate backend)."""
    with (
        override_settings(IMAR_JOBS_IMMEDIATE=True),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return client.post(
            reverse("needs:import_projects"), {"file": SimpleUploadedFile(name, data)}
        )


def test_candidate_projects_are_created_identified_and_audited(client, officer, gazetteer):
    from imar.portfolio.models import Project

    data = project_csv(
        "MIN-1,مدرسة درنة,Derna school,New school,education,construction,LY010102,2500000,LYD,"
        "800,2027-01-01,2028-06-30",
        'MIN-2,طريق,Road,Resurfacing,roads_bridges,rehabilitation,Tripoli,"1,000,000",LYD,,,',
    )
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = post_import(client, data)
    assert response.status_code == 302
    school = Project.objects.get(code="MIN-1")
    assert school.status == "identified" and school.budget == 2_500_000
    assert school.municipality.pcode == "LY010102" and school.beneficiaries == 800
    assert Project.objects.get(code="MIN-2").municipality.pcode == "LY021104"
    assert AuditEvent.objects.filter(action="create", object_type="portfolio.project").count() == 2


def test_candidate_import_reports_every_problem_in_one_pass_then_succeeds_once_fixed(
    officer, make_project
):
    from imar.needs.imports.projects import import_projects
    from imar.portfolio.models import Project

    make_project(code="OLD-1")
    bad = project_csv(
        "MIN-1,أ,A,d,education,construction,LY010102,100,LYD,10,2027-01-01,2026-01-01",
        "MIN-2,ب,B,d,spaceships,construction,LY010102,100,LYD,10,,",
        "OLD-1,ج,C,d,health,construction,Nowhere,abc,LYD,x,31/12/2027,",
        "MIN-3,د,D,,health,construction,LY010102,100,XYZ,,,",
    )
    result = import_projects(data=bad, filename="m.csv", by=officer)
    text = "\n".join(result.errors)
    assert not result.ok and not Project.objects.filter(code__startswith="MIN").exists()
    # Parse errors, choice errors and the model's own rules, all at once, by row and column.
    assert any(e.startswith("Row 2: ") for e in result.errors), result.errors  # end < start
    assert "Row 3, Sector: “spaceships” is not in the list" in text
    assert "Row 4: a project with code OLD-1 already exists." in text
    assert "Row 4, Municipality: “Nowhere” is not a known municipality." in text
    assert "Row 4, Budget: “abc” is not a number." in text
    assert "Row 4, Planned start: “31/12/2027” is not a date" in text
    assert "Row 4, Beneficiaries: must be a whole number." in text
    assert "Row 5, Description (Arabic): a description (Arabic or English) is required" in text
    assert "Row 5, Currency: “XYZ” is not a known currency." in text
    rows = [int(e.split()[1].rstrip(",:")) for e in result.errors]
    assert rows == sorted(rows)
    fixed = project_csv(
        "MIN-1,أ,A,d,education,construction,LY010102,100,LYD,10,2027-01-01,2028-01-01",
        "MIN-2,ب,B,d,health,construction,LY010102,100,LYD,10,,",
    )
    assert import_projects(data=fixed, filename="m.csv", by=officer).created == 2


def test_import_errors_are_translated_with_the_column_names(officer, gazetteer):
    from django.utils import translation

    from imar.needs.imports.projects import import_projects

    data = project_csv("MIN-9,أ,A,d,spaceships,construction,Nowhere,100,LYD,,,")
    with translation.override("ar"):
        result = import_projects(data=data, filename="m.csv", by=officer)
    text = "\n".join(result.errors)
    assert "القطاع" in text and "البلدية" in text and "Row" not in text, text


def test_sousa_and_its_spellings_are_found_in_the_gazetteer(officer, gazetteer):
    from imar.core.text import normalize_search
    from imar.needs.imports.common import place_index

    places = place_index()
    for name in ("سوسة", "سوسه", "Susah", "Sousa", "Sousse"):
        assert places[normalize_search(name)].pcode == "LY010601", name  # Shahhat


def test_imported_candidates_can_be_appraised(client, officer, gazetteer):
    """The import asks for what appraisal needs, so the next step does not refuse them."""
    from imar.portfolio.lifecycle import check_transition
    from imar.portfolio.models import Project

    data = project_csv(
        "MIN-7,مدرسة سوسة,Susah school,Prefabricated classrooms,education,construction,سوسة,"
        "900000,LYD,300,2027-01-01,2027-09-30",
    )
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = post_import(client, data, "m.csv")
    page = client.get(response.url).content.decode()
    project = Project.objects.get(code="MIN-7")
    assert project.get_absolute_url() in page and "1 candidate project imported" in page
    assert project.municipality.name_en == "Shahhat"
    check_transition(project, "appraised")  # raises when something is missing


def test_template_has_bilingual_headers_lists_and_validations(client, officer, gazetteer):
    from openpyxl import load_workbook

    from imar.needs.imports.projects import COLUMNS, import_projects

    client.force_login(officer)
    response = client.get(reverse("needs:import_projects_template"))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(response.content))
    sheet, lists = book["Projects"], book["Lists"]
    headers = [c.value for c in sheet[1]]
    assert len(headers) == len(COLUMNS)
    assert headers[COLUMNS.index("municipality")] == "البلدية / Municipality"
    listed = {c.value for c in lists["A"] if c.value}
    assert {"housing", "education"} <= listed
    pcodes = [row[0].value for row in lists.iter_rows() if row[0].value]
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert len(formulas) == 4 and all(f.startswith("=Lists!") for f in formulas)
    assert any(c.value == "LY010601" for row in lists.iter_rows() for c in row)
    assert pcodes  # the sheet is not empty
    # Filled in as a person would, the template imports as it is.
    values = {
        "code": "TPL-1",
        "title_ar": "مدرسة",
        "title_en": "School",
        "description_ar": "وصف",
        "sector": "education",
        "project_type": "construction",
        "municipality": "LY010601",
    }
    for column, value in values.items():
        sheet.cell(row=2, column=COLUMNS.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    result = import_projects(data=out.getvalue(), filename="t.xlsx", by=officer)
    assert result.ok and result.codes == ["TPL-1"], result.errors
