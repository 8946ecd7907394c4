"""/api/v1/ partners endpoints: visibility, filters, writes through the rules, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from imar.organizations.models import Contact
from imar.partners import services
from imar.partners.models import Agreement


@pytest.fixture
def api():
    return APIClient()


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_sees_only_public_agreements(api, make_agreement, greek_ministry):
    public = make_agreement(greek_ministry, title_en="Public grant")
    make_agreement(greek_ministry, title_en="Secret loan", is_public=False)
    rows = _results(api.get("/api/v1/agreements/"))
    assert [row["id"] for row in rows] == [public.pk]
    secret = Agreement.objects.get(title_en="Secret loan")
    assert api.get(f"/api/v1/agreements/{secret.pk}/").status_code == 404


def test_outsider_sees_only_public_agreements(api, outsider, make_agreement, greek_ministry):
    make_agreement(greek_ministry, is_public=False)
    api.force_authenticate(outsider)
    assert _results(api.get("/api/v1/agreements/")) == []


def test_staff_see_confidential_agreements(api, auditor, make_agreement, greek_ministry):
    make_agreement(greek_ministry, is_public=False)
    api.force_authenticate(auditor)
    assert len(_results(api.get("/api/v1/agreements/"))) == 1


def test_anonymous_lists_only_public_organizations(api, make_agreement, greek_ministry, us_agency):
    # The Greek ministry is party to a public agreement; the US agency only to a confidential
    # one: the portal's rule (public_organizations) hides it, here as on the public pages.
    make_agreement(greek_ministry)
    make_agreement(us_agency, is_public=False)
    names = {row["name_en"] for row in _results(api.get("/api/v1/organizations/"))}
    assert "Hellenic Ministry of Development" in names
    assert "US Agency for Development" not in names
    assert api.get(f"/api/v1/organizations/{us_agency.pk}/").status_code == 404


def test_anonymous_never_gets_contacts_or_notes(api, make_agreement, greek_ministry):
    make_agreement(greek_ministry)
    Contact.objects.create(organization=greek_ministry, name="Eleni", email="e@example.gr")
    row = _results(api.get("/api/v1/organizations/?country=GR"))[0]
    assert row["name_en"] == "Hellenic Ministry of Development"
    assert "notes" not in row and "contacts" not in row
    detail = api.get(f"/api/v1/organizations/{greek_ministry.pk}/").json()
    assert "notes" not in detail and "contacts" not in detail


def test_staff_get_contacts_and_notes(api, auditor, greek_ministry):
    Contact.objects.create(organization=greek_ministry, name="Eleni", email="e@example.gr")
    api.force_authenticate(auditor)
    detail = api.get(f"/api/v1/organizations/{greek_ministry.pk}/").json()
    assert detail["notes"] == "Prefers meetings in Athens."
    assert detail["contacts"][0]["name"] == "Eleni"


def test_engagements_and_actions_are_staff_only(api, outsider, visit):
    assert api.get("/api/v1/engagements/").status_code in (401, 403)
    assert api.get("/api/v1/action-items/").status_code in (401, 403)
    api.force_authenticate(outsider)
    assert api.get("/api/v1/engagements/").status_code == 403


def test_agreement_list_filters_by_country_kind_status_and_dates(
    api, officer, make_agreement, greek_ministry, us_agency
):
    greek = make_agreement(greek_ministry, kind="mou", value=None, currency="")
    make_agreement(us_agency)
    api.force_authenticate(officer)
    assert [r["id"] for r in _results(api.get("/api/v1/agreements/?country=GR"))] == [greek.pk]
    assert [r["id"] for r in _results(api.get("/api/v1/agreements/?kind=mou"))] == [greek.pk]
    assert len(_results(api.get("/api/v1/agreements/?status=signed"))) == 2
    rows = _results(api.get("/api/v1/agreements/?signed_from=2026-03-11"))
    assert rows == []


def test_agreement_shows_parties_projects_and_derived_status(
    api, make_agreement, us_agency, make_project
):
    today = timezone.localdate()
    project = make_project()
    make_agreement(
        us_agency,
        projects=[project],
        effective_from=today - timedelta(days=100),
        ends_on=today - timedelta(days=1),
    )
    row = _results(api.get("/api/v1/agreements/"))[0]
    assert row["status"] == "signed" and row["effective_status"] == "expired"
    assert row["projects"] == [project.code]
    assert {p["organization"]["country"] for p in row["parties"]} == {"LY", "US"}


def test_api_refuses_agreement_with_one_party(api, officer, fund):
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/agreements/",
        {
            "kind": "mou", "title_ar": "مذكرة", "title_en": "MoU", "status": "draft",
            "parties": [{"organization": fund.pk, "role": "first_party"}],
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["parties"] == ["An agreement needs at least two parties."]


def test_api_refuses_value_without_currency_and_end_before_start(api, officer, fund, us_agency):
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/agreements/",
        {
            "kind": "grant", "title_ar": "منحة", "title_en": "Grant", "status": "draft",
            "value": "10.00", "effective_from": "2026-05-01", "ends_on": "2026-01-01",
            "parties": [{"organization": fund.pk, "role": "first_party"},
                        {"organization": us_agency.pk, "role": "funder"}],
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()) == {"currency", "ends_on"}
    assert not Agreement.objects.exists()


def test_officer_creates_an_agreement_through_the_api(api, officer, fund, us_agency, make_project):
    project = make_project()
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/agreements/",
        {
            "kind": "grant", "reference": "API-1", "title_ar": "منحة", "title_en": "Grant",
            "status": "signed", "signed_on": "2026-02-01", "value": "10.00", "currency": "USD",
            "parties": [{"organization": fund.pk, "role": "first_party"},
                        {"organization": us_agency.pk, "role": "funder"}],
            "projects": [project.code],
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["projects"] == [project.code]
    assert Agreement.objects.get(reference="API-1").parties.count() == 2


def test_auditor_and_anonymous_cannot_write(api, auditor, fund):
    payload = {"name_ar": "س", "name_en": "X", "kind": "company", "country": "LY"}
    assert api.post("/api/v1/organizations/", payload, format="json").status_code in (401, 403)
    api.force_authenticate(auditor)
    assert api.post("/api/v1/organizations/", payload, format="json").status_code == 403


def test_api_refuses_action_item_without_owner_in_arabic_by_default(api, officer, visit):
    api.force_authenticate(officer)
    response = api.post(
        "/api/v1/action-items/",
        {"engagement": visit.pk, "description_ar": "متابعة", "status": "open"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["owner_user"] == ["حدّد مسؤولًا عن الإجراء: موظفًا أو جهة."]


def test_action_items_are_flagged_overdue(api, officer, visit, us_agency):
    services.action_save(
        by=officer, engagement=visit,
        fields={"description_ar": "متابعة", "owner_organization": us_agency,
                "due_on": timezone.localdate() - timedelta(days=3)},
    )  # fmt: skip
    api.force_authenticate(officer)
    rows = _results(api.get("/api/v1/action-items/?overdue=true"))
    assert len(rows) == 1 and rows[0]["is_overdue"] is True


def test_agreement_list_query_count_is_flat(
    api, make_agreement, greek_ministry, us_agency, make_project, django_assert_max_num_queries
):
    for partner in [greek_ministry, us_agency] * 10:
        make_agreement(partner, projects=[make_project()])
    with django_assert_max_num_queries(6):
        assert len(_results(api.get("/api/v1/agreements/"))) == 20


def test_organization_list_query_count_is_flat(
    api, auditor, greek_ministry, us_agency, fund, django_assert_max_num_queries
):
    for org in (greek_ministry, us_agency, fund):
        Contact.objects.create(organization=org, name="Someone")
    api.force_authenticate(auditor)
    with django_assert_max_num_queries(6):
        assert len(_results(api.get("/api/v1/organizations/"))) == 3


def test_engagement_list_query_count_is_flat(api, officer, django_assert_max_num_queries):
    for n in range(8):
        services.engagement_save(
            by=officer,
            fields={"kind": "meeting", "title_ar": "اجتماع", "title_en": f"M{n}",
                    "starts_on": timezone.localdate()},
            people=[{"name": "A", "title": "B", "organization": None}],
        )  # fmt: skip
    api.force_authenticate(officer)
    with django_assert_max_num_queries(8):
        assert len(_results(api.get("/api/v1/engagements/"))) == 8


def test_schema_documents_the_partners_endpoints(api, db):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/agreements/", "/api/v1/organizations/", "/api/v1/engagements/",
                 "/api/v1/action-items/"):  # fmt: skip
        assert path in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/agreements/"]["get"]["parameters"]}
    assert {"country", "kind", "status", "signed_from", "signed_to", "engagement"} <= parameters


def test_officer_creates_and_updates_an_organization_through_the_api(api, officer):
    api.force_authenticate(officer)
    created = api.post(
        "/api/v1/organizations/",
        {"name_ar": "وكالة", "name_en": "Agency", "kind": "development_agency",
         "country": "IT", "sectors": ["health"], "notes": "Private"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = api.patch(f"/api/v1/organizations/{pk}/", {"country": "GR"}, format="json")
    assert changed.status_code == 200 and changed.json()["country"] == "GR"
    refused = api.post(
        "/api/v1/organizations/",
        {"name_ar": "س", "name_en": "X", "kind": "company", "country": "LY", "sectors": ["golf"]},
        format="json",
    )
    assert refused.status_code == 400 and "sectors" in refused.json()
