"""The "funded by" filter: `funder_country=XX` and `funder=<id>` match organizations in the
funder role only, beside the any-role `organization_country`, on the staff list, the staff
and public API, the portal and every open-data format."""

import io
import json

import pytest
from openpyxl import load_workbook

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole
from imar.portfolio.models import ProjectOrganization


@pytest.fixture
def funded(make_project, db):
    """US-funded (by a US agency), one supervised by a US engineer but funded by Japan, and one
    funded by a private US funder link on a private project."""
    us_agency = Organization.objects.create(
        name_ar="الوكالة الأمريكية",
        name_en="US Agency",
        kind=OrganizationKind.DEVELOPMENT_AGENCY,
        country="US",
    )
    us_engineer = Organization.objects.create(
        name_ar="مهندسون أمريكيون",
        name_en="US Engineers",
        kind=OrganizationKind.COMPANY,
        country="US",
    )
    japan = Organization.objects.create(
        name_ar="الوكالة اليابانية",
        name_en="Japan Agency",
        kind=OrganizationKind.DEVELOPMENT_AGENCY,
        country="JP",
    )
    by_us = make_project(title_en="Funded by the US")
    by_japan = make_project(title_en="Funded by Japan, supervised by US engineers")
    private = make_project(title_en="Private US-funded", is_public=False)
    for project, org, role in [
        (by_us, us_agency, OrganizationRole.FUNDER),
        (by_japan, japan, OrganizationRole.FUNDER),
        (by_japan, us_engineer, OrganizationRole.SUPERVISING_ENGINEER),
        (private, us_agency, OrganizationRole.FUNDER),
    ]:
        ProjectOrganization.objects.create(project=project, organization=org, role=role)
    return {"us": by_us, "japan": by_japan, "private": private, "agency": us_agency,
            "engineer": us_engineer}  # fmt: skip


def _codes(results) -> set[str]:
    return {row["code"] for row in results}


def test_staff_api_funder_country_is_the_funder_role_only(client, officer, funded):
    client.force_login(officer)
    api = "/api/v1/projects/"
    got = _codes(client.get(api, {"funder_country": "US"}).json()["results"])
    assert got == {funded["us"].code, funded["private"].code}
    got = _codes(client.get(api, {"funder": funded["agency"].pk}).json()["results"])
    assert got == {funded["us"].code, funded["private"].code}
    # The US engineer supervises but funds nothing.
    assert client.get(api, {"funder": funded["engineer"].pk}).status_code == 400
    got = _codes(client.get(api, {"funder_country": "JP"}).json()["results"])
    assert got == {funded["japan"].code}
    any_role = _codes(client.get(api, {"organization_country": "US"}).json()["results"])
    assert any_role == {funded["us"].code, funded["japan"].code, funded["private"].code}


def test_staff_list_page_filters_by_funder(client, officer, funded):
    client.force_login(officer)
    page = client.get("/portfolio/projects/", {"funder_country": "US"})
    listed = {p.code for p in page.context["page"]}
    assert listed == {funded["us"].code, funded["private"].code}
    assert "funder_country" in page.context["filterset"].form.fields


def test_public_api_funder_beside_any_role_organization_country(client, funded):
    api = "/api/v1/public/projects/"
    assert _codes(client.get(api, {"funder_country": "US"}).json()["results"]) == {
        funded["us"].code
    }  # the private project never shows
    any_role = _codes(client.get(api, {"organization_country": "US"}).json()["results"])
    assert any_role == {funded["us"].code, funded["japan"].code}
    assert _codes(client.get(api, {"funder": funded["agency"].pk}).json()["results"]) == {
        funded["us"].code
    }


def test_portal_list_filters_by_funder_country(client, funded):
    page = client.get("/public/projects/", {"funder_country": "US"})
    assert page.status_code == 200
    body = page.content.decode()
    assert funded["us"].code in body
    assert funded["japan"].code not in body and funded["private"].code not in body
    assert 'name="funder_country"' in body


def _xlsx_text(body: bytes) -> str:
    book = load_workbook(io.BytesIO(body), read_only=True)
    return " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


@pytest.mark.parametrize("extension", ["csv", "xlsx", "geojson", "json", "xml"])
def test_every_open_data_format_takes_the_funder_filter(client, funded, extension):
    response = client.get(f"/open-data/projects.{extension}", {"funder_country": "US"})
    assert response.status_code == 200, extension
    body = b"".join(response.streaming_content)
    text = _xlsx_text(body) if extension == "xlsx" else body.decode("utf-8-sig")
    if extension == "geojson":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert funded["us"].code in text, extension
    assert funded["japan"].code not in text, extension
    assert funded["private"].code not in text, extension


def test_openapi_documents_the_funder_parameters(client, officer):
    client.force_login(officer)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in ("/api/v1/projects/", "/api/v1/public/projects/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"funder_country", "funder", "organization_country"} <= names, path
    public = schema["paths"]["/api/v1/public/projects/"]["get"]["parameters"]
    described = {p["name"]: p.get("description", "") for p in public}
    assert "funder role" in described["funder_country"]
    assert "any role" in described["organization_country"]
