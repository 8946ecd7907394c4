"""Damage-record import from XLSX/CSV: all rows or none, errors named by row and column."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
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


def test_candidate_projects_are_created_identified_and_audited(client, officer, gazetteer):
    from imar.portfolio.models import Project

    data = project_csv(
        "MIN-1,مدرسة درنة,Derna school,New school,education,construction,LY010102,2500000,LYD,"
        "800,2027-01-01,2028-06-30",
        'MIN-2,طريق,Road,,roads_bridges,rehabilitation,Tripoli,"1,000,000",LYD,,,',
    )
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    upload = SimpleUploadedFile("ministry.csv", data)
    response = client.post(reverse("needs:import_projects"), {"file": upload})
    assert response.status_code == 302
    school = Project.objects.get(code="MIN-1")
    assert school.status == "identified" and school.budget == 2_500_000
    assert school.municipality.pcode == "LY010102" and school.beneficiaries == 800
    assert Project.objects.get(code="MIN-2").municipality.pcode == "LY021104"
    assert AuditEvent.objects.filter(action="create", object_type="portfolio.project").count() == 2


def test_candidate_import_with_bad_rows_creates_nothing_then_succeeds_once_fixed(
    officer, make_project
):
    from imar.needs.imports.projects import import_projects
    from imar.portfolio.models import Project

    make_project(code="OLD-1")
    bad = project_csv(
        "MIN-1,أ,A,,education,construction,LY010102,100,LYD,10,2027-01-01,2026-01-01",
        "MIN-2,ب,B,,spaceships,construction,LY010102,100,LYD,10,,",
        "OLD-1,ج,C,,health,construction,Nowhere,abc,LYD,x,31/12/2027,",
    )
    result = import_projects(data=bad, filename="m.csv", by=officer)
    text = "\n".join(result.errors)
    assert not result.ok and not Project.objects.filter(code__startswith="MIN").exists()
    assert "Row 4: a project with code OLD-1 already exists." in text
    assert "Row 4, municipality: “Nowhere” is not a known municipality." in text
    assert "Row 4, budget: “abc” is not a number." in text
    assert "Row 4, planned_start: “31/12/2027” is not a date" in text
    assert "Row 4, beneficiaries: must be a whole number." in text
    fixed = project_csv(
        "MIN-1,أ,A,,education,construction,LY010102,100,LYD,10,2027-01-01,2028-01-01",
        "MIN-2,ب,B,,health,construction,LY010102,100,LYD,10,,",
    )
    model_rules = project_csv(
        "MIN-1,أ,A,,education,construction,LY010102,100,LYD,10,2027-01-01,2026-01-01",
        "MIN-2,ب,B,,spaceships,construction,LY010102,100,LYD,10,,",
    )
    second = import_projects(data=model_rules, filename="m.csv", by=officer)
    assert not second.ok  # the model's own rules are reported per row too
    assert any(e.startswith("Row 2: ") for e in second.errors), second.errors
    assert any(e.startswith("Row 3, sector: ") for e in second.errors), second.errors
    assert not Project.objects.filter(code__startswith="MIN").exists()
    assert import_projects(data=fixed, filename="m.csv", by=officer).created == 2
