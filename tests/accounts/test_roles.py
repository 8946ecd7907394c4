"""Roles as a fund runs them, from the allowed and the refused side: the finance officer, the
engineer's districts and the officer decisions (cancel, publish, re-code)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from imar.accounts import permissions
from imar.accounts.models import Profile, Role
from imar.demo import accounts as demo
from imar.monitoring.models import Milestone, Transaction
from imar.organizations.models import Contact, Organization
from imar.partners.models import Agreement, AgreementParty
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.lifecycle import project_transition
from imar.portfolio.models import Project, ProjectOrganization
from imar.portfolio.services import project_update

PROJECTS = "/api/v1/projects/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def places(make_project, tripoli):
    """A public project in Derna (in implementation), a private one in Tripoli."""
    return {
        "derna": make_project(code="DR-1", status=ProjectStatus.IMPLEMENTATION),
        "tripoli": make_project(code="TR-1", municipality=tripoli, is_public=False),
    }


# ---- the finance officer --------------------------------------------------------------------


def test_finance_is_its_own_role_with_the_string_finance():
    assert Role.FINANCE == "finance"
    assert Role.FINANCE.label == "Finance officer"


def test_finance_records_money_through_the_api_anywhere(finance, places):
    response = client_for(finance).post(
        "/api/v1/transactions/",
        {"project": "TR-1", "kind": "commitment", "date": "2025-03-01", "amount": "1000.00",
         "currency": "LYD"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert Transaction.objects.get(project__code="TR-1").recorded_by == finance
    rate = client_for(finance).post(
        "/api/v1/exchange-rates/",
        {"currency": "EUR", "date": "2025-03-01", "rate_to_lyd": "5.2"},
        format="json",
    )
    assert rate.status_code == 201, rate.content


def test_finance_records_a_transaction_on_the_staff_page(client, finance, places):
    client.force_login(finance)
    response = client.post(
        "/portfolio/projects/DR-1/transactions/new/",
        {"kind": "commitment", "date": "2025-03-01", "amount": "2500", "currency": "LYD"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Transaction.objects.filter(project__code="DR-1", amount=Decimal("2500")).exists()


def test_finance_moves_no_lifecycle_and_edits_no_project(finance, places):
    api = client_for(finance)
    moved = api.post(f"{PROJECTS}DR-1/transition/", {"to": "suspended", "reason": "x"})
    assert moved.status_code == 403
    edited = api.patch(f"{PROJECTS}DR-1/", {"beneficiaries": 5}, format="json")
    assert edited.status_code == 403
    milestone = api.post(
        "/api/v1/milestones/",
        {"project": "DR-1", "name_ar": "م", "name_en": "M", "planned_date": "2025-05-01",
         "weight": "1"},
        format="json",
    )  # fmt: skip
    assert milestone.status_code == 403
    project = Project.objects.get(code="DR-1")
    assert (project.status, project.beneficiaries) == (ProjectStatus.IMPLEMENTATION, None)
    assert not Milestone.objects.exists()
    assert not permissions.can_transition_project(finance, project, ProjectStatus.CANCELLED)


def test_finance_reads_the_whole_country(finance, places):
    codes = [row["code"] for row in client_for(finance).get(PROJECTS).json()["results"]]
    assert codes == ["DR-1", "TR-1"]


def test_officers_still_record_money(officer, places):
    response = client_for(officer).post(
        "/api/v1/transactions/",
        {"project": "DR-1", "kind": "commitment", "date": "2025-03-01", "amount": "10",
         "currency": "LYD"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201


@pytest.mark.parametrize("who", ["engineer", "auditor"])
def test_engineers_and_auditors_record_no_money(request, who, places):
    response = client_for(request.getfixturevalue(who)).post(
        "/api/v1/transactions/",
        {"project": "DR-1", "kind": "commitment", "date": "2025-03-01", "amount": "10",
         "currency": "LYD"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert not Transaction.objects.exists()


def test_the_demo_finance_user_is_a_finance_officer(gazetteer):
    demo.load(rng=None, options={}, log=lambda message: None)
    assert Profile.objects.get(user__username="finance").role == Role.FINANCE
    assert Profile.objects.get(user__username="engineer").districts.get().iso_code == "LY-DR"


# ---- the engineer: suspend and resume, never cancel -----------------------------------------


def _move(user, code, to, reason="a reason"):
    return client_for(user).post(
        f"{PROJECTS}{code}/transition/", {"to": to, "reason": reason}, format="json"
    )


def test_engineer_suspends_and_resumes_but_cannot_cancel(engineer, places):
    assert _move(engineer, "DR-1", "suspended").status_code == 200
    refused = _move(engineer, "DR-1", "cancelled")
    assert refused.status_code == 403
    assert Project.objects.get(code="DR-1").status == ProjectStatus.SUSPENDED
    assert _move(engineer, "DR-1", "implementation").status_code == 200
    assert Project.objects.get(code="DR-1").status == ProjectStatus.IMPLEMENTATION
    assert _move(engineer, "DR-1", "cancelled").status_code == 403


def test_engineer_cannot_cancel_from_the_staff_page(client, engineer, places):
    project = places["derna"]
    project_transition(project=project, to=ProjectStatus.SUSPENDED, by=engineer, reason="x")
    client.force_login(engineer)
    page = client.get("/portfolio/projects/DR-1/").content.decode()
    assert 'value="implementation"' in page and 'value="cancelled"' not in page
    response = client.post(
        "/portfolio/projects/DR-1/transition/", {"to": "cancelled", "reason": "x"}
    )
    assert response.status_code == 403
    assert Project.objects.get(code="DR-1").status == ProjectStatus.SUSPENDED


def test_officer_cancels_a_suspended_project(officer, engineer, places):
    project_transition(project=places["derna"], to=ProjectStatus.SUSPENDED, by=engineer, reason="x")
    assert _move(officer, "DR-1", "cancelled").status_code == 200


# ---- the engineer: neither publishes nor re-codes --------------------------------------------


@pytest.mark.parametrize("fields", [{"is_public": False}, {"code": "DR-NEW"}])
def test_engineer_patch_of_an_officer_field_is_refused(engineer, places, fields):
    response = client_for(engineer).patch(f"{PROJECTS}DR-1/", fields, format="json")
    assert response.status_code == 403
    assert next(iter(fields)) in response.json()["detail"]
    project = Project.objects.get(pk=places["derna"].pk)
    assert (project.code, project.is_public) == ("DR-1", True)


def test_engineer_may_send_the_officer_fields_unchanged(engineer, places):
    body = client_for(engineer).get(f"{PROJECTS}DR-1/").json()
    response = client_for(engineer).patch(
        f"{PROJECTS}DR-1/",
        {"code": body["code"], "is_public": body["is_public"], "beneficiaries": 40},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Project.objects.get(code="DR-1").beneficiaries == 40


def test_officer_publishes_and_recodes(officer, places):
    response = client_for(officer).patch(
        f"{PROJECTS}TR-1/", {"is_public": True, "code": "TR-2"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Project.objects.get(code="TR-2").is_public


def test_the_service_refuses_an_engineer_publishing(engineer, places):
    project = places["derna"]
    with pytest.raises(PermissionDenied):
        project_update(project=project, by=engineer, is_public=False)
    assert Project.objects.get(pk=project.pk).is_public


def test_engineer_form_shows_code_and_publishing_locked(client, engineer, places):
    client.force_login(engineer)
    form = client.get("/portfolio/projects/DR-1/edit/").context["form"]
    assert form.fields["code"].disabled and form.fields["is_public"].disabled
    assert not form.fields["title_en"].disabled


# ---- the engineer's districts on partners pages and API --------------------------------------


@pytest.fixture
def partners(places, organization):
    """The ministry builds in Derna and Tripoli; a Tripoli firm works only in Tripoli; a public
    agreement covers both projects; a confidential one only the Tripoli project."""
    tripoli_firm = Organization.objects.create(
        name_ar="شركة طرابلس", name_en="Tripoli firm", kind="company", country="LY",
        notes="Tripoli notes",
    )  # fmt: skip
    Contact.objects.create(organization=tripoli_firm, name="Tripoli contact")
    Contact.objects.create(organization=organization, name="Ministry contact")
    for project in places.values():
        ProjectOrganization.objects.create(
            project=project, organization=organization, role=OrganizationRole.IMPLEMENTER
        )
    ProjectOrganization.objects.create(
        project=places["tripoli"], organization=tripoli_firm, role=OrganizationRole.CONTRACTOR
    )
    public = Agreement.objects.create(
        kind="mou", reference="AG-PUB", title_ar="مذكرة", title_en="MoU", is_public=True
    )
    public.projects.set(places.values())
    secret = Agreement.objects.create(
        kind="mou", reference="AG-SECRET", title_ar="سرية", title_en="Secret", is_public=False
    )
    secret.projects.set([places["tripoli"]])
    for agreement in (public, secret):
        AgreementParty.objects.create(
            agreement=agreement, organization=organization, role="first_party"
        )
    return {"firm": tripoli_firm, "public": public, "secret": secret}


def test_engineer_organization_page_shows_only_their_districts(
    client, engineer, partners, organization
):
    client.force_login(engineer)
    page = client.get(f"/partners/organizations/{organization.pk}/")
    assert page.status_code == 200
    assert [p.project.code for p in page.context["participations"]] == ["DR-1"]
    assert [a.reference for a in page.context["agreements"]] == ["AG-PUB"]
    html = page.content.decode()
    assert "TR-1" not in html and "AG-SECRET" not in html
    assert "Ministry contact" in html  # it works in Derna: its contacts are the engineer's too
    assert client.get(f"/partners/organizations/{partners['firm'].pk}/").status_code == 404


def test_engineer_agreement_page_names_only_their_projects(client, engineer, partners):
    client.force_login(engineer)
    page = client.get(f"/partners/agreements/{partners['public'].pk}/")
    assert [p.code for p in page.context["projects"]] == ["DR-1"]
    assert client.get(f"/partners/agreements/{partners['secret'].pk}/").status_code == 404


def test_head_office_sees_every_project_agreement_and_contact(
    client, auditor, partners, organization
):
    client.force_login(auditor)
    page = client.get(f"/partners/organizations/{organization.pk}/")
    assert [p.project.code for p in page.context["participations"]] == ["DR-1", "TR-1"]
    assert sorted(a.reference for a in page.context["agreements"]) == ["AG-PUB", "AG-SECRET"]
    assert (
        "Tripoli contact"
        in client.get(f"/partners/organizations/{partners['firm'].pk}/").content.decode()
    )


def test_engineer_api_sees_contacts_only_of_organizations_in_their_districts(
    engineer, partners, organization
):
    rows = client_for(engineer).get("/api/v1/organizations/").json()["results"]
    assert [row["name_en"] for row in rows] == [organization.name_en]
    assert rows[0]["contacts"][0]["name"] == "Ministry contact"
    assert (
        client_for(engineer).get(f"/api/v1/organizations/{partners['firm'].pk}/").status_code == 404
    )


def test_engineer_reads_no_engagement_scenario_or_briefing(client, engineer, places):
    client.force_login(engineer)
    for url in ("/partners/", "/partners/engagements/", "/partners/briefing/?country=US",
                "/needs/scenarios/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    api = client_for(engineer)
    assert api.get("/api/v1/engagements/").status_code == 403
    assert api.get("/api/v1/needs/scenarios/").status_code == 403


# ---- anonymous callers of the staff API: the portal's public data only ---------------------------


def test_anonymous_agreement_names_only_public_projects(partners):
    body = client_for(None).get(f"/api/v1/agreements/{partners['public'].pk}/").json()
    assert body["projects"] == ["DR-1"]
    assert "engagement" not in body
    assert client_for(None).get(f"/api/v1/agreements/{partners['secret'].pk}/").status_code == 404


def test_anonymous_organizations_are_exactly_the_public_ones(partners, organization):
    rows = client_for(None).get("/api/v1/organizations/").json()["results"]
    assert {row["id"] for row in rows} == set(
        Organization.objects.public().values_list("pk", flat=True)
    )
    assert [row["id"] for row in rows] == [organization.pk]
    assert "contacts" not in rows[0] and "notes" not in rows[0]


def test_anonymous_milestones_carry_no_evidence(places, engineer):
    Milestone.objects.create(
        project=places["derna"], name_ar="م", name_en="M", planned_date=date(2025, 5, 1),
        weight=Decimal("1"), evidence="site minutes",
    )  # fmt: skip
    Milestone.objects.create(
        project=places["tripoli"], name_ar="م", name_en="Hidden", planned_date=date(2025, 5, 1),
        weight=Decimal("1"),
    )  # fmt: skip
    rows = client_for(None).get("/api/v1/milestones/").json()["results"]
    assert [(row["project"], "evidence" in row) for row in rows] == [("DR-1", False)]
    staff = client_for(engineer).get("/api/v1/milestones/").json()["results"]
    assert [(row["project"], row["evidence"]) for row in staff] == [("DR-1", "site minutes")]


def test_anonymous_assessments_carry_no_internal_notes(db, auditor):
    from imar.needs.models import Assessment

    Assessment.objects.create(
        name_ar="تقييم", name_en="Storm", conducted_on=date(2024, 1, 1), notes="internal"
    )
    row = client_for(None).get("/api/v1/needs/assessments/").json()["results"][0]
    assert row["name_en"] == "Storm" and "notes" not in row
    staff = client_for(auditor).get("/api/v1/needs/assessments/").json()["results"][0]
    assert staff["notes"] == "internal"


def test_engineer_district_dashboards_and_needs_are_their_districts_only(client, engineer, places):
    client.force_login(engineer)
    assert client.get("/portfolio/districts/LY-DR/").status_code == 200
    assert client.get("/portfolio/districts/LY-TB/").status_code == 404
    rows = client.get("/needs/").context["overview"].districts
    assert [row.district.iso_code for row in rows] == ["LY-DR"]


def test_head_office_reads_every_district(client, auditor, places):
    client.force_login(auditor)
    assert client.get("/portfolio/districts/LY-TB/").status_code == 200
    assert len(client.get("/needs/").context["overview"].districts) == 22
