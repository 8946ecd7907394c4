"""The project form's organization rows as a browser posts them: every row is sent, the
untouched ones empty; those are ignored, and a half-filled row names its missing half."""

import pytest
from django.urls import reverse

from imar.portfolio.models import Project


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    return client


def _post(client, derna, rows: list[dict], **extra):
    data = {
        "code": "DRN-ROWS-1",
        "title_ar": "مدرسة",
        "title_en": "School",
        "sector": "education",
        "project_type": "construction",
        "municipality": derna.pk,
        "currency": "LYD",
        "orgs-TOTAL_FORMS": str(len(rows)),
        "orgs-INITIAL_FORMS": "0",
        **extra,
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"orgs-{i}-{name}"] = value
    return client.post(reverse("portfolio:project_create"), data)


EMPTY = {"organization": "", "role": ""}


def test_untouched_extra_rows_are_ignored(staff_client, derna, organization):
    response = _post(
        staff_client, derna, [{"organization": organization.pk, "role": "funder"}, EMPTY, EMPTY]
    )
    assert response.status_code == 302, response.context["formset"].errors
    project = Project.objects.get(code="DRN-ROWS-1")
    assert list(project.participations.values_list("role", flat=True)) == ["funder"]


def test_a_project_with_no_organization_saves(staff_client, derna):
    assert _post(staff_client, derna, [EMPTY, EMPTY]).status_code == 302
    assert not Project.objects.get().participations.exists()


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"organization": "", "role": "contractor"}, "organization", "Choose the organization"),
        ({"role": ""}, "role", "role in the project."),
    ],
)
def test_a_half_filled_row_names_its_missing_field(
    staff_client, derna, organization, row, field, message
):
    row = {"organization": organization.pk, **row}
    response = _post(staff_client, derna, [EMPTY, row])
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.errors[0] == {}
    assert list(formset.errors[1]) == [field]
    html = response.content.decode()
    assert message in html and "Please correct the errors below." in html
    assert not Project.objects.exists()


def test_a_half_filled_row_marked_for_removal_is_ignored(staff_client, derna):
    response = _post(staff_client, derna, [{"organization": "", "role": "funder", "DELETE": "on"}])
    assert response.status_code == 302


def test_the_error_is_in_arabic_on_an_arabic_page(staff_client, derna):
    staff_client.cookies["imar_language"] = "ar"
    response = _post(staff_client, derna, [{"organization": "", "role": "funder"}])
    assert "اختر الجهة التي تتولى هذا الدور." in response.content.decode()
