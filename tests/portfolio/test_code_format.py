"""Project and program codes follow one format (letters, digits, - _ . ; at most 32; a
letter or digit first) in the model, the staff form, the API, imports and the API schema,
with a translated error naming the field; the demo's codes follow it."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from imar.demo import organizations as demo_organizations
from imar.demo import portfolio as demo
from imar.needs.imports.projects import import_projects
from imar.portfolio.models import Program, Project
from imar.portfolio.validators import validate_program_code, validate_project_code

PAYLOAD = "<svg onload=alert(1)>"
EN = "A project code uses only Latin letters, digits, hyphens (-), underscores (_) and dots"
AR = "يتكوّن رمز المشروع من حروف لاتينية وأرقام"


@pytest.mark.parametrize(
    "code", ["DRN-00001", "P-1", "drn.2027_a", "7", "A" * 32, "XM-DAC-LY-DRF-1"]
)
def test_identifier_like_codes_are_accepted(code):
    validate_project_code(code)
    validate_program_code(code)


@pytest.mark.parametrize(
    "code",
    [
        PAYLOAD,
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
        "DRN/001",  # would break the project's address
        "DRN 001",
        "-DRN",
        ".",
        "..",
        "درنة-1",
        "DRN-1\n",
        "=HYPERLINK(1)",
        "A" * 33,
        "",
    ],
)
def test_anything_else_is_refused(code):
    with pytest.raises(ValidationError) as refused:
        validate_project_code(code)
    assert refused.value.messages[0].startswith(EN)
    with pytest.raises(ValidationError):
        validate_program_code(code)


def test_the_model_refuses_a_payload_code(make_project, program):
    project = make_project(code="OK-1")
    project.code = PAYLOAD
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert set(refused.value.message_dict) == {"code"}
    program.code = "<b>"
    with pytest.raises(ValidationError) as refused:
        program.full_clean()
    assert "A program code uses only" in refused.value.message_dict["code"][0]


@pytest.mark.parametrize(("language", "message"), [("en", EN), ("ar", AR)])
def test_the_staff_form_names_the_code_field_in_the_page_language(
    client, officer, derna, language, message
):
    client.force_login(officer)
    client.cookies["imar_language"] = language
    response = client.post(
        reverse("portfolio:project_create"),
        {
            "code": PAYLOAD,
            "title_ar": "مدرسة",
            "title_en": "School",
            "sector": "education",
            "project_type": "construction",
            "municipality": derna.pk,
            "currency": "LYD",
            "orgs-TOTAL_FORMS": "0",
            "orgs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_an_api_patch_with_a_payload_code_is_refused_naming_the_field(officer, make_project):
    """The reported attack: PATCH {"code": "<svg onload=…>", "is_public": true} answered 200."""
    make_project(code="DRN-7", is_public=False)
    api = APIClient()
    api.force_authenticate(officer)
    response = api.patch(
        "/api/v1/projects/DRN-7/",
        {"code": PAYLOAD, "is_public": True},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["code"]
    assert response.json()["code"][0].startswith(AR)
    project = Project.objects.get()
    assert (project.code, project.is_public) == ("DRN-7", False)


def test_the_api_schema_publishes_the_format(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for name in ("ProjectInputRequest", "PatchedProjectInputRequest"):
        code = schema["components"]["schemas"][name]["properties"]["code"]
        assert code["pattern"] == r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", code
        assert code["maxLength"] == 32


def test_an_imported_row_with_a_bad_code_is_refused_by_row_and_column(officer, gazetteer):
    data = (
        "code,title_ar,title_en,description_en,sector,project_type,municipality\n"
        f"{PAYLOAD},مدرسة,School,New school,education,construction,LY010102\n"
    ).encode()
    result = import_projects(data=data, filename="projects.csv", by=officer)
    assert not result.ok
    assert any(e.startswith(f"Row 2, Project code: {EN}") for e in result.errors), result.errors
    assert not Project.objects.exists()


def test_every_demo_code_follows_the_format(gazetteer):
    demo_organizations.load(rng=random.Random(0), options={}, log=lambda _line: None)
    demo.load(rng=random.Random(2023), options={"projects": 120}, log=lambda _line: None)
    codes = list(Project.objects.values_list("code", flat=True))
    assert len(codes) == 120
    for code in codes:
        validate_project_code(code)
    for code in Program.objects.values_list("code", flat=True):
        validate_program_code(code)
