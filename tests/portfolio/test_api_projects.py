"""/api/v1/projects/ and /api/v1/programs/: shape, filters, search, writes, lifecycle, errors."""

from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from imar.accounts.models import AuditEvent
from imar.geo.models import Municipality
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.lifecycle import project_transition
from imar.portfolio.models import Program, Project, ProjectOrganization, StatusChange
from imar.portfolio.sectors import Sector

PROJECTS = "/api/v1/projects/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def officer_api(officer):
    client = APIClient()
    client.force_authenticate(officer)
    return client


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def detail(code: str) -> str:
    return f"{PROJECTS}{code}/"


# ---- shape ------------------------------------------------------------------------------


def test_project_detail_shows_places_sector_codes_and_organizations(
    api, make_project, program, organization
):
    project = make_project(
        code="DRN-001",
        title_ar="إعادة إعمار مستشفى درنة",
        title_en="Derna hospital reconstruction",
        sector=Sector.HEALTH,
        program=program,
        budget=Decimal("2500000.50"),
        currency="USD",
        beneficiaries=90000,
    )
    ProjectOrganization.objects.create(
        project=project, organization=organization, role=OrganizationRole.FUNDER
    )

    data = api.get(detail("DRN-001"), HTTP_ACCEPT_LANGUAGE="en").json()

    assert data["title"] == "Derna hospital reconstruction"
    assert data["title_ar"] == "إعادة إعمار مستشفى درنة"
    assert data["program"] == {
        "code": "DRN",
        "name_ar": "برنامج إعادة إعمار درنة",
        "name_en": "Derna reconstruction",
    }
    assert data["sector"] == {
        "code": "health",
        "label": "Health",
        "dac5": "12230",
        "oc4ids": "health",
    }
    assert data["status"] == {"code": "identified", "label": "Identified"}
    assert data["municipality"] == {"pcode": "LY010102", "name_ar": "درنة", "name_en": "Derna"}
    assert data["district"]["iso_code"] == "LY-DR"
    assert data["region"]["code"] == "LY01"
    assert data["budget"] == "2500000.50"
    assert data["currency"] == "USD"
    assert data["beneficiaries"] == 90000
    assert data["organizations"] == [
        {
            "organization": organization.pk,
            "name_ar": "وزارة الإسكان والتعمير",
            "name_en": "Ministry of Housing and Construction",
            "role": "funder",
            "role_label": "Funder",
        }
    ]
    assert data["url"].endswith("/api/v1/projects/DRN-001/")
    # Without its own point, the project sits on its municipality's, marked approximate.
    derna = Municipality.objects.get(pcode="LY010102")
    assert (data["latitude"], data["longitude"]) == (derna.latitude, derna.longitude)
    assert data["location_approximate"] is True


def test_project_with_its_own_point_is_not_approximate(api, make_project):
    make_project(code="PT-1", latitude=32.76, longitude=22.63)
    data = api.get(detail("PT-1")).json()
    assert (data["latitude"], data["longitude"], data["location_approximate"]) == (
        32.76,
        22.63,
        False,
    )


def test_title_and_labels_follow_the_request_language(api, make_project):
    make_project(code="L-1", title_ar="مدرسة البيضاء", title_en="Al Bayda school")
    arabic = api.get(detail("L-1"), HTTP_ACCEPT_LANGUAGE="ar").json()
    english = api.get(detail("L-1"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert arabic["title"] == "مدرسة البيضاء"
    with translation.override("ar"):
        assert arabic["status"]["label"] == str(ProjectStatus.IDENTIFIED.label) != "Identified"
    assert english["title"] == "Al Bayda school"
    assert english["status"]["label"] == "Identified"


# ---- filters ----------------------------------------------------------------------------


@pytest.fixture
def spread(make_project, tripoli, program, organization):
    """Three projects that differ in every filterable way."""
    derna_health = make_project(
        code="A-1", sector=Sector.HEALTH, program=program, budget=Decimal("300")
    )
    tripoli_roads = make_project(
        code="B-2", sector=Sector.ROADS_BRIDGES, municipality=tripoli, budget=Decimal("100")
    )
    sabha = Municipality.objects.filter(district__region__code="LY03").first()
    south_school = make_project(
        code="C-3", sector=Sector.EDUCATION, municipality=sabha, budget=Decimal("200")
    )
    Project.objects.filter(pk=tripoli_roads.pk).update(status=ProjectStatus.APPROVED)
    ProjectOrganization.objects.create(
        project=south_school, organization=organization, role=OrganizationRole.FUNDER
    )
    ProjectOrganization.objects.create(
        project=south_school, organization=organization, role=OrganizationRole.IMPLEMENTER
    )
    return derna_health, tripoli_roads, south_school


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"district": "LY-DR"}, ["A-1"]),
        ({"district": "LY-TB"}, ["B-2"]),
        ({"region": "LY03"}, ["C-3"]),
        ({"municipality": "LY021104"}, ["B-2"]),
        ({"sector": "health"}, ["A-1"]),
        ({"status": "approved"}, ["B-2"]),
        ({"status": "identified"}, ["A-1", "C-3"]),
        ({"program": "DRN"}, ["A-1"]),
        ({"ordering": "budget"}, ["B-2", "C-3", "A-1"]),
        ({"ordering": "-budget"}, ["A-1", "C-3", "B-2"]),
        ({"sector": "education", "region": "LY03"}, ["C-3"]),
        ({"sector": "education", "region": "LY01"}, []),
    ],
)
def test_each_filter_narrows_the_list(api, spread, params, expected):
    assert codes(api.get(PROJECTS, params)) == expected


def test_organization_filter_lists_a_project_once_even_with_two_roles(api, spread, organization):
    assert codes(api.get(PROJECTS, {"organization": organization.pk})) == ["C-3"]


def test_unknown_filter_value_is_a_translated_400_naming_the_filter(api, spread):
    english = api.get(PROJECTS, {"district": "LY-XX"}, HTTP_ACCEPT_LANGUAGE="en")
    arabic = api.get(PROJECTS, {"district": "LY-XX"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert english.status_code == arabic.status_code == 400
    assert "valid choice" in english.json()["district"][0]
    assert "valid choice" not in arabic.json()["district"][0]


# ---- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "درنة",
        "درنه",
        "اعادة اعمار",
        "إعادة إعمار",
        "مُسْتَشْفَى",
        "درنـــة",
        "مستشفي درنه",
        "Derna hospital",
        "derna HOSPITAL",
        "DRN-7",
    ],
)
def test_search_finds_arabic_spelling_variants(api, make_project, query):
    make_project(code="DRN-7", title_ar="إعادة إعمار مستشفى درنة", title_en="Derna hospital")
    make_project(code="TRP-1", title_ar="طريق طرابلس الساحلي", title_en="Tripoli coastal road")
    assert codes(api.get(PROJECTS, {"q": query})) == ["DRN-7"]


def test_search_needs_every_term(api, make_project):
    make_project(code="DRN-7", title_ar="إعادة إعمار مستشفى درنة", title_en="Derna hospital")
    assert codes(api.get(PROJECTS, {"q": "مستشفى طرابلس"})) == []


# ---- queries ----------------------------------------------------------------------------


def _make_many(make_project, organization, count):
    for _ in range(count):
        project = make_project()
        ProjectOrganization.objects.create(
            project=project, organization=organization, role=OrganizationRole.FUNDER
        )


@pytest.mark.parametrize("count", [5, 30])
def test_list_query_count_does_not_grow_with_projects(
    api, make_project, organization, program, django_assert_max_num_queries, count
):
    _make_many(make_project, organization, count)
    # count, page, participations, organizations, and the request's savepoint pair
    with django_assert_max_num_queries(6):
        response = api.get(PROJECTS)
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [5, 30])
def test_staff_list_query_count_does_not_grow_with_projects(
    make_project, organization, engineer, django_assert_max_num_queries, count
):
    _make_many(make_project, organization, count)
    client = APIClient()
    client.force_authenticate(engineer)
    # the same, plus the engineer's profile and districts
    with django_assert_max_num_queries(8):
        response = client.get(PROJECTS, {"district": "LY-DR", "q": "project"})
    assert response.json()["count"] == count


# ---- create and update ------------------------------------------------------------------


@pytest.fixture
def payload(gazetteer, program, organization):
    return {
        "code": "DRN-100",
        "title_ar": "إعادة إعمار مستشفى درنة",
        "title_en": "Derna hospital reconstruction",
        "description_ar": "إعادة بناء المستشفى بعد الفيضان",
        "sector": "health",
        "project_type": "rehabilitation",
        "municipality": "LY010102",
        "program": "DRN",
        "budget": "2500000.00",
        "currency": "USD",
        "planned_start": "2025-01-01",
        "planned_end": "2026-06-30",
        "beneficiaries": 90000,
        "is_public": False,
        "organizations": [{"organization": organization.pk, "role": "funder"}],
    }


def test_officer_creates_a_project_and_the_audit_trail_records_it(officer_api, officer, payload):
    response = officer_api.post(PROJECTS, payload, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["code"] == "DRN-100"
    assert data["status"]["code"] == "identified"
    assert data["is_public"] is False
    assert data["budget"] == "2500000.00"
    assert [o["role"] for o in data["organizations"]] == ["funder"]
    project = Project.objects.get(code="DRN-100")
    assert project.budget == Decimal("2500000.00")
    assert project.participations.get().role == OrganizationRole.FUNDER
    created = AuditEvent.objects.get(action="create", object_id=str(project.pk))
    assert created.actor == officer
    assert created.changes["title_ar"] == [None, "إعادة إعمار مستشفى درنة"]
    assert AuditEvent.objects.filter(
        action="update", object_id=str(project.pk), changes__has_key="organizations"
    ).exists()


def test_status_sent_on_create_is_ignored(officer_api, payload):
    response = officer_api.post(PROJECTS, {**payload, "status": "completed"}, format="json")
    assert response.status_code == 201
    assert Project.objects.get(code="DRN-100").status == ProjectStatus.IDENTIFIED


def test_patch_changes_fields_and_records_old_and_new_values(officer_api, officer, make_project):
    project = make_project(code="UP-1", budget=Decimal("1000.00"))

    response = officer_api.patch(
        detail("UP-1"),
        {"budget": "2000.00", "title_en": "Renamed", "reason": "revised after appraisal"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["budget"] == "2000.00"
    project.refresh_from_db()
    assert (project.budget, project.title_en) == (Decimal("2000.00"), "Renamed")
    event = AuditEvent.objects.get(action="update", object_id=str(project.pk))
    assert event.actor == officer
    assert event.changes["budget"] == ["1000.00", "2000.00"]
    assert event.reason == "revised after appraisal"


def test_put_replaces_the_organizations_involved(officer_api, make_project, organization, payload):
    project = make_project(code="DRN-100")
    other = Organization.objects.create(
        name_ar="شركة البناء", name_en="Build Co", kind=OrganizationKind.COMPANY, country="LY"
    )
    ProjectOrganization.objects.create(
        project=project, organization=organization, role=OrganizationRole.FUNDER
    )
    payload["organizations"] = [{"organization": other.pk, "role": "contractor"}]
    etag = officer_api.get(detail("DRN-100"))["ETag"]

    response = officer_api.put(detail("DRN-100"), payload, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content
    assert [(o["name_en"], o["role"]) for o in response.json()["organizations"]] == [
        ("Build Co", "contractor")
    ]


def test_status_cannot_be_patched(officer_api, make_project):
    make_project(code="ST-1")
    officer_api.patch(detail("ST-1"), {"status": "completed"}, format="json")
    assert Project.objects.get(code="ST-1").status == ProjectStatus.IDENTIFIED


# ---- translated errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "english", "arabic"),
    [
        ({"title_ar": None}, "title_ar", "This field is required.", "هذا الحقل مطلوب."),
        ({"budget": "lots"}, "budget", "A valid number is required.", "الرجاء إدخال رقم صالح."),
        (
            {"budget": "-5"},
            "budget",
            "The budget cannot be negative.",
            "لا يمكن أن تكون الميزانية سالبة.",
        ),
        (
            {"planned_end": "2024-01-01"},
            "planned_end",
            "The end date cannot be before the start date.",
            "لا يمكن أن يسبق تاريخ الانتهاء تاريخ البدء.",
        ),
        (
            {"municipality": "LY999999"},
            "municipality",
            "Unknown municipality “LY999999”.",
            "البلدية «LY999999» غير معروفة.",
        ),
        (
            {"latitude": 32.7},
            "longitude",
            "Give both latitude and longitude, or neither.",
            "أدخل خط العرض وخط الطول معًا، أو اتركهما فارغين.",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_in_both_languages(
    officer_api, payload, change, field, english, arabic
):
    body = {k: v for k, v in {**payload, **change}.items() if v is not None}
    for language, message in (("en", english), ("ar", arabic)):
        response = officer_api.post(PROJECTS, body, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert response.json()[field] == [message]
    assert not Project.objects.exists()


def test_unknown_organization_refuses_the_whole_write(officer_api, payload):
    payload["organizations"] = [{"organization": 999999, "role": "funder"}]
    response = officer_api.post(PROJECTS, payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["organizations"] == {
        "0": {"organization": ["Unknown organization “999999”."]}
    }
    assert not Project.objects.exists()


def test_duplicate_code_is_refused(officer_api, payload, make_project):
    make_project(code="DRN-100")
    response = officer_api.post(PROJECTS, payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "code" in response.json()


# ---- lifecycle --------------------------------------------------------------------------


def transition(client, code, to, reason="", language="en"):
    return client.post(
        f"{detail(code)}transition/",
        {"to": to, "reason": reason},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_officer_moves_a_project_forward_and_history_records_it(officer_api, make_project):
    make_project(code="LC-1", description_ar="وصف")

    response = transition(officer_api, "LC-1", "appraised", reason="site visit done")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == {"code": "appraised", "label": "Appraised"}
    history = officer_api.get(f"{detail('LC-1')}history/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert len(history) == 1
    assert history[0]["from_status"] == {"code": "identified", "label": "Identified"}
    assert history[0]["to_status"]["code"] == "appraised"
    assert history[0]["changed_by"] == "officer"
    assert history[0]["reason"] == "site visit done"


def test_approval_without_a_budget_is_refused_with_the_reason_in_both_languages(
    officer_api, make_project
):
    project = make_project(code="LC-2", budget=None)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.APPRAISED)

    english = transition(officer_api, "LC-2", "approved", language="en")
    arabic = transition(officer_api, "LC-2", "approved", language="ar")

    assert english.status_code == arabic.status_code == 400
    assert english.json() == {"to": ["Approval needs a budget greater than zero."]}
    with translation.override("ar"):
        reason_in_arabic = translation.gettext("Approval needs a budget greater than zero.")
    assert reason_in_arabic.startswith("تتطلب")
    assert arabic.json() == {"to": [reason_in_arabic]}
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.APPRAISED
    assert not StatusChange.objects.exists()


def test_skipping_a_stage_is_refused(officer_api, make_project):
    make_project(code="LC-3")
    response = transition(officer_api, "LC-3", "completed")
    assert response.status_code == 400
    assert "cannot go from" in response.json()["to"][0]


def test_unknown_status_is_refused_naming_the_field(officer_api, make_project):
    make_project(code="LC-4")
    response = transition(officer_api, "LC-4", "demolished")
    assert response.status_code == 400
    assert "to" in response.json()


def test_public_history_hides_who_made_the_change(api, officer, make_project):
    project = make_project(code="LC-5", description_ar="وصف")
    project_transition(project=project, to=ProjectStatus.APPRAISED, by=officer)
    history = api.get(f"{detail('LC-5')}history/").json()
    assert history[0]["to_status"]["code"] == "appraised"
    assert history[0]["changed_by"] is None


# ---- programs ---------------------------------------------------------------------------


def test_programs_filter_by_code_and_search(api, program, make_project):
    roads = Program.objects.create(code="ROADS", name_ar="الطرق الوطنية", name_en="National roads")
    make_project(program=program)
    make_project(program=roads)

    every = api.get("/api/v1/programs/").json()
    by_code = api.get("/api/v1/programs/", {"code": "ROADS"}).json()
    searched = api.get("/api/v1/programs/", {"q": "اعادة اعمار درنه"}).json()
    one = api.get("/api/v1/programs/DRN/", HTTP_ACCEPT_LANGUAGE="en").json()

    assert [p["code"] for p in every["results"]] == ["DRN", "ROADS"]
    assert [p["code"] for p in by_code["results"]] == ["ROADS"]
    assert [p["code"] for p in searched["results"]] == ["DRN"]
    assert one["name"] == "Derna reconstruction"
    assert one["url"].endswith("/api/v1/programs/DRN/")


def test_the_public_reads_only_programs_with_a_public_project(api, program, officer, make_project):
    # The portal's rule (public_programs): a program of private projects only stays unseen.
    hidden = Program.objects.create(code="SECRET", name_ar="سري", name_en="Secret program")
    make_project(program=program)
    make_project(program=hidden, is_public=False)
    assert [p["code"] for p in api.get("/api/v1/programs/").json()["results"]] == ["DRN"]
    assert api.get("/api/v1/programs/SECRET/").status_code == 404
    api.force_authenticate(officer)
    assert [p["code"] for p in api.get("/api/v1/programs/").json()["results"]] == [
        "DRN",
        "SECRET",
    ]
