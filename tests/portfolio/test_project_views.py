"""The staff project pages: list with filters and search, detail, forms, lifecycle actions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from imar.accounts.models import AuditEvent
from imar.geo.models import Municipality
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project, ProjectOrganization
from imar.portfolio.sectors import Sector

LIST = reverse("portfolio:project_list")


def codes_in(response) -> set[str]:
    return {project.code for project in response.context["page"].object_list}


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    return client


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_user_without_role_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403


def test_list_shows_projects_with_their_place_and_status(staff_client, make_project):
    project = make_project(title_en="Wadi Derna bridge", title_ar="جسر وادي درنة")
    response = staff_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert project.code in html and "Derna" in html and "Identified" in html


def test_filters_by_district_sector_status_program_and_organization(
    staff_client, make_project, tripoli, program, organization
):
    derna_housing = make_project(sector=Sector.HOUSING, program=program)
    tripoli_health = make_project(sector=Sector.HEALTH, municipality=tripoli)
    Project.objects.filter(pk=tripoli_health.pk).update(status=ProjectStatus.APPROVED)
    ProjectOrganization.objects.create(
        project=tripoli_health, organization=organization, role="funder"
    )
    ProjectOrganization.objects.create(
        project=tripoli_health, organization=organization, role="implementer"
    )

    assert codes_in(staff_client.get(LIST, {"district": "LY-DR"})) == {derna_housing.code}
    assert codes_in(staff_client.get(LIST, {"region": "LY02"})) == {tripoli_health.code}
    assert codes_in(staff_client.get(LIST, {"municipality": "LY021104"})) == {tripoli_health.code}
    assert codes_in(staff_client.get(LIST, {"sector": "health"})) == {tripoli_health.code}
    assert codes_in(staff_client.get(LIST, {"status": "approved"})) == {tripoli_health.code}
    assert codes_in(staff_client.get(LIST, {"program": program.code})) == {derna_housing.code}
    # Two roles for one organization: the project is listed once.
    response = staff_client.get(LIST, {"organization": organization.pk})
    assert [p.code for p in response.context["page"].object_list] == [tripoli_health.code]


def test_bad_filter_value_shows_an_error_not_everything(staff_client, make_project):
    make_project()
    response = staff_client.get(LIST, {"sector": "spaceports"})
    assert response.status_code == 200
    assert codes_in(response) == set()
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["درنه", "دَرْنَة", "درنـــة", "مستشفي درنة", "اعادة", "إعادة", "hospital derna", "DERNA"],
)
def test_search_ignores_arabic_variants_and_case(staff_client, make_project, query):
    wanted = make_project(title_ar="إعادة إعمار مستشفى درنة", title_en="Derna hospital rebuild")
    make_project(title_ar="طريق سبها", title_en="Sabha road")
    assert codes_in(staff_client.get(LIST, {"q": query})) == {wanted.code}


def test_sort_by_budget(staff_client, make_project):
    cheap = make_project(budget=Decimal("10"))
    dear = make_project(budget=Decimal("99999"))
    response = staff_client.get(LIST, {"ordering": "-budget"})
    codes = [p.code for p in response.context["page"].object_list]
    assert codes.index(dear.code) < codes.index(cheap.code)


def test_pagination(staff_client, make_project):
    for _ in range(55):
        make_project()
    first = staff_client.get(LIST)
    second = staff_client.get(LIST, {"page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 5


def test_list_query_count_does_not_grow_with_rows(
    staff_client, make_project, program, django_assert_max_num_queries
):
    for _ in range(3):
        make_project(program=program)
    # 13: one per filter choice list, the funders' ("Funded by") among them.
    with django_assert_max_num_queries(13) as few:
        staff_client.get(LIST)
    for _ in range(40):
        make_project(program=program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(LIST)


def test_htmx_request_returns_only_the_results(staff_client, make_project):
    make_project()
    response = staff_client.get(LIST, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<table" in html and "<html" not in html


def test_regional_engineer_sees_only_their_district(client, engineer, make_project, tripoli):
    derna = make_project()
    elsewhere = make_project(municipality=tripoli)
    client.force_login(engineer)
    assert codes_in(client.get(LIST)) == {derna.code}
    detail = reverse("portfolio:project_detail", args=[elsewhere.code])
    assert client.get(detail).status_code == 404


def test_detail_shows_fields_organizations_and_actions(staff_client, make_project, organization):
    project = make_project(description_en="Rebuild the bridge", beneficiaries=12000)
    ProjectOrganization.objects.create(project=project, organization=organization, role="funder")
    response = staff_client.get(project.get_absolute_url())
    html = response.content.decode()
    assert "Rebuild the bridge" in html and "Ministry of Housing" in html and "Funder" in html
    assert [a["to"] for a in response.context["actions"]] == ["appraised", "suspended", "cancelled"]


def test_auditor_reads_but_gets_no_actions(client, auditor, make_project):
    project = make_project()
    client.force_login(auditor)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200 and response.context["actions"] == []
    assert client.get(reverse("portfolio:project_edit", args=[project.code])).status_code == 403
    transition = reverse("portfolio:project_transition", args=[project.code])
    assert client.post(transition, {"to": "appraised"}).status_code == 403


def _form_data(municipality: Municipality, **overrides) -> dict:
    data = {
        "code": "DRN-NEW-1",
        "title_ar": "بناء مدرسة",
        "title_en": "Build a school",
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
    }
    data.update(overrides)
    return data


def test_create_project_records_an_audit_event(staff_client, derna, organization):
    data = _form_data(
        derna,
        **{
            "orgs-TOTAL_FORMS": "1",
            "orgs-0-organization": organization.pk,
            "orgs-0-role": "funder",
        },
    )
    response = staff_client.post(reverse("portfolio:project_create"), data)
    assert response.status_code == 302
    project = Project.objects.get(code="DRN-NEW-1")
    assert project.budget == Decimal("2500000") and project.status == "identified"
    assert list(project.participations.values_list("role", flat=True)) == ["funder"]
    event = AuditEvent.objects.get(action="create", object_id=str(project.pk))
    assert (
        event.changes["budget"] == [None, "2500000.00"] or event.changes["budget"][1] == "2500000"
    )


def test_edit_budget_keeps_before_after_and_reason(staff_client, make_project, derna):
    project = make_project(code="EDIT-1", budget=Decimal("1000000.00"))
    data = _form_data(
        derna,
        code="EDIT-1",
        budget="1250000",
        reason="Revised after appraisal",
        row_version=project.row_version,
    )
    response = staff_client.post(reverse("portfolio:project_edit", args=["EDIT-1"]), data)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="update", object_id=str(project.pk)).get()
    assert event.changes["budget"] == ["1000000.00", "1250000.00"]
    assert event.reason == "Revised after appraisal" and event.actor_name == "officer"
    page = staff_client.get(project.get_absolute_url()).content.decode()
    # The trail keeps the stored code; the page shows the amount as a person reads it.
    assert "Revised after appraisal" in page and "1,250,000.00" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ["The planned end must not be before the planned start.", "This field is required."],
        ),
        ("ar", ["يجب ألا تسبق نهاية المخطط بدايته.", "هذا الحقل مطلوب."]),
    ],
)
def test_form_errors_are_per_field_and_translated(staff_client, derna, language, expected):
    data = _form_data(derna, planned_end="2025-01-01", title_en="")
    staff_client.cookies["imar_language"] = language
    response = staff_client.post(reverse("portfolio:project_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"planned_end", "title_en"}
    html = response.content.decode()
    for message in expected:
        assert message in html
    assert not Project.objects.filter(code="DRN-NEW-1").exists()


def test_negative_budget_is_refused(staff_client, derna):
    response = staff_client.post(
        reverse("portfolio:project_create"), _form_data(derna, budget="-5")
    )
    assert "budget" in response.context["form"].errors
    assert not Project.objects.exists()


def test_engineer_cannot_create_in_another_district(client, engineer, tripoli):
    client.force_login(engineer)
    assert client.get(reverse("portfolio:project_create")).status_code == 403


def test_transition_from_the_page(staff_client, make_project):
    project = make_project(description_en="ready")
    url = reverse("portfolio:project_transition", args=[project.code])
    response = staff_client.post(url, {"to": "appraised"}, follow=True)
    assert "Project moved to “Appraised”." in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == "appraised"


def test_refused_transition_shows_the_reason(staff_client, make_project):
    project = make_project(budget=None, description_en="ready")
    url = reverse("portfolio:project_transition", args=[project.code])
    staff_client.post(url, {"to": "appraised"})
    response = staff_client.post(url, {"to": "approved"}, follow=True)
    assert "Approval needs a budget greater than zero." in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == "appraised"


def test_engineer_may_suspend_in_district_but_not_approve(client, engineer, make_project):
    project = make_project(description_en="ready")
    client.force_login(engineer)
    url = reverse("portfolio:project_transition", args=[project.code])
    assert client.post(url, {"to": "appraised"}).status_code == 403
    client.post(url, {"to": "suspended", "reason": "Armed clashes near the site"})
    assert Project.objects.get(pk=project.pk).status == "suspended"


def test_pages_are_arabic_by_default_unless_the_browser_has_no_arabic(
    client, officer, make_project
):
    make_project()
    client.force_login(officer)
    # A browser with no Arabic at all (a foreign visitor) is sent to the English address.
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 302 and response["Location"] == f"/en{LIST}"
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,ar;q=0.2")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html and "المشاريع" in html
    client.cookies["imar_language"] = "en"
    html = client.get(LIST).content.decode()
    assert '<html lang="en" dir="ltr"' in html
