"""No lost updates: versioned saves, edit forms that show a stale save's conflicts, and the
API's ETag / If-Match / row_version rules (409, 412, 428)."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import Profile, Role
from imar.core.versioning import StaleVersion
from imar.portfolio.models import Project, ProjectOrganization
from imar.portfolio.services import project_update
from tests.browser_forms import form_values


@pytest.fixture
def colleague(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("colleague", "c@imar.test", "pass-Imar-2026")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER)
    return user


def _browser(client, user, language="en"):
    client.force_login(user)
    client.cookies["imar_language"] = language
    return client


# ---- the model --------------------------------------------------------------------------


def test_each_save_raises_the_version_and_a_stale_copy_cannot_save(make_project):
    project = make_project(code="V-1")
    assert project.row_version == 1
    mine, theirs = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    theirs.title_en = "Theirs"
    theirs.save()
    assert theirs.row_version == 2
    mine.budget = Decimal("5")
    with pytest.raises(StaleVersion) as refused, transaction.atomic():
        mine.save()
    assert refused.value.current.row_version == 2
    stored = Project.objects.get(pk=project.pk)
    assert (stored.title_en, stored.budget, stored.row_version) == (
        "Theirs",
        Decimal("1000000.00"),
        2,
    )


def test_a_service_write_without_a_version_keeps_a_concurrent_change_of_another_field(
    make_project, officer
):
    project = make_project(code="V-2")
    stale = Project.objects.get(pk=project.pk)  # read before the other save
    project_update(project=project, by=officer, title_en="Renamed")
    project_update(project=stale, by=officer, budget=Decimal("7"))
    stored = Project.objects.get(pk=project.pk)
    assert (stored.title_en, stored.budget, stored.row_version) == ("Renamed", Decimal("7.00"), 3)


def test_a_service_write_with_an_old_version_is_refused(make_project, officer):
    project = make_project(code="V-3")
    project_update(project=project, by=officer, title_en="Renamed")
    with pytest.raises(StaleVersion):
        project_update(project=project, by=officer, budget=Decimal("7"), expected_version=1)
    assert Project.objects.get(pk=project.pk).budget == Decimal("1000000.00")


def test_an_unchanged_save_keeps_the_version(make_project, officer):
    project = make_project(code="V-4")
    project_update(project=project, by=officer, title_en=project.title_en, expected_version=1)
    assert Project.objects.get(pk=project.pk).row_version == 1


# ---- the edit form ----------------------------------------------------------------------


def _open_edit(client, code):
    page = client.get(reverse("portfolio:project_edit", args=[code]))
    assert page.status_code == 200
    return form_values(page.content.decode(), contains="row_version")


def _post(client, url, data):
    """Post as a browser would, minus the empty extra organization rows (the form's handling
    of those is fixed on its own, elsewhere)."""
    data = dict(data)
    total = int(data["orgs-TOTAL_FORMS"])
    rows = [
        {
            k.split("-", 2)[2]: data.pop(f"orgs-{i}-{k.split('-', 2)[2]}")
            for k in list(data)
            if k.startswith(f"orgs-{i}-")
        }
        for i in range(total)
    ]
    kept = [row for row in rows if row.get("organization")]
    for i, row in enumerate(kept):
        data.update({f"orgs-{i}-{name}": value for name, value in row.items()})
    data["orgs-TOTAL_FORMS"] = str(len(kept))
    data["orgs-INITIAL_FORMS"] = str(min(int(data["orgs-INITIAL_FORMS"]), len(kept)))
    return client.post(url, data)


def test_second_form_save_is_refused_and_shows_what_the_other_person_changed(
    client, officer, colleague, make_project, organization
):
    project = make_project(code="F-1", title_en="Derna school", budget=Decimal("1000.00"))
    ProjectOrganization.objects.create(project=project, organization=organization, role="funder")
    url = reverse("portfolio:project_edit", args=["F-1"])
    from django.test import Client

    first, second = _browser(Client(), officer), _browser(client, colleague)
    mine, theirs = _open_edit(second, "F-1"), _open_edit(first, "F-1")
    assert mine["row_version"] == "1" and mine["row_base"]

    theirs.update({"title_en": "Derna primary school", "reason": "name fixed"})
    assert _post(first, url, theirs).status_code == 302

    mine.update({"budget": "2500.00", "reason": "new estimate"})
    response = _post(second, url, mine)

    assert response.status_code == 200  # refused, the form again
    stored = Project.objects.get(pk=project.pk)
    assert (stored.title_en, stored.budget) == ("Derna primary school", Decimal("1000.00"))
    html = response.content.decode()
    assert "Someone else saved this record while you were editing it" in html
    assert "Last saved by" in html and "officer" in html
    form = response.context["form"]
    row = {r.label: r for r in form.conflict.rows}["Title (English)"]
    assert (row.theirs, row.mine, row.clash) == ("Derna primary school", "Derna school", False)
    # the form now holds their title (taken in) and my budget (kept), at the new version
    again = form_values(html, contains="row_version")
    assert again["title_en"] == "Derna primary school"
    assert again["budget"] == "2500.00" and again["reason"] == "new estimate"
    assert again["row_version"] == "2"
    # saving again applies mine on top of theirs
    assert _post(second, url, again).status_code == 302
    stored.refresh_from_db()
    assert (stored.title_en, stored.budget) == ("Derna primary school", Decimal("2500.00"))
    assert stored.participations.count() == 1  # the untouched organizations stay


def test_a_field_both_changed_keeps_mine_and_is_marked_in_arabic(
    client, officer, colleague, make_project
):
    make_project(code="F-2", title_en="Old")
    url = reverse("portfolio:project_edit", args=["F-2"])
    from django.test import Client

    first, second = _browser(Client(), officer), _browser(client, colleague, "ar")
    mine, theirs = _open_edit(second, "F-2"), _open_edit(first, "F-2")
    theirs["title_en"] = "Theirs"
    assert _post(first, url, theirs).status_code == 302
    mine["title_en"] = "Mine"
    response = _post(second, url, mine)

    html = response.content.decode()
    assert "حفظ شخص آخر هذا السجل أثناء تعديلك له" in html
    row = response.context["form"].conflict.rows[0]
    assert (row.theirs, row.mine, row.clash) == ("Theirs", "Mine", True)
    assert form_values(html, contains="row_version")["title_en"] == "Mine"
    assert Project.objects.get(code="F-2").title_en == "Theirs"


def test_organizations_changed_by_the_other_person_are_taken_in(
    client, officer, colleague, make_project, organization
):
    project = make_project(code="F-3")
    url = reverse("portfolio:project_edit", args=["F-3"])
    from django.test import Client

    first, second = _browser(Client(), officer), _browser(client, colleague)
    mine, theirs = _open_edit(second, "F-3"), _open_edit(first, "F-3")
    theirs.update({"orgs-0-organization": str(organization.pk), "orgs-0-role": "funder"})
    assert _post(first, url, theirs).status_code == 302
    mine["beneficiaries"] = "500"
    response = _post(second, url, mine)
    assert response.status_code == 200
    again = form_values(response.content.decode(), contains="row_version")
    assert again["orgs-0-organization"] == str(organization.pk)
    assert _post(second, url, again).status_code == 302
    assert list(project.participations.values_list("organization_id", "role")) == [
        (organization.pk, "funder")
    ]
    assert Project.objects.get(pk=project.pk).beneficiaries == 500


def test_a_form_without_its_version_is_refused(client, officer, make_project):
    make_project(code="F-4")
    browser = _browser(client, officer)
    data = _open_edit(browser, "F-4")
    del data["row_version"]
    data["title_en"] = "Blind overwrite"
    response = _post(browser, reverse("portfolio:project_edit", args=["F-4"]), data)
    assert response.status_code == 200
    assert "does not say which version" in response.content.decode()
    assert Project.objects.get(code="F-4").title_en != "Blind overwrite"


# ---- the API ----------------------------------------------------------------------------


@pytest.fixture
def api(officer):
    client = APIClient()
    client.force_authenticate(officer)
    return client


def test_detail_has_an_etag_and_the_version(api, make_project):
    make_project(code="A-1")
    response = api.get("/api/v1/projects/A-1/")
    assert response["ETag"] == '"1"' and response.json()["row_version"] == 1


def test_if_match_of_an_old_version_answers_412_and_saves_nothing(api, make_project, officer):
    project = make_project(code="A-2")
    etag = api.get("/api/v1/projects/A-2/")["ETag"]
    project_update(project=project, by=officer, title_en="Someone else's")
    response = api.patch(
        "/api/v1/projects/A-2/", {"budget": "9"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 412
    assert response.json()["row_version"] == 2
    assert Project.objects.get(pk=project.pk).budget == Decimal("1000000.00")


def test_row_version_in_the_body_of_an_old_version_answers_409(api, make_project, officer):
    project = make_project(code="A-3")
    project_update(project=project, by=officer, title_en="Someone else's")
    response = api.patch(
        "/api/v1/projects/A-3/",
        {"budget": "9", "row_version": 1},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["row_version"] == 2 and "Someone else saved this record (project)" in body["detail"]


def test_a_current_version_saves_and_returns_the_next_etag(api, make_project):
    make_project(code="A-4")
    response = api.patch(
        "/api/v1/projects/A-4/", {"budget": "9"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"' and response.json()["row_version"] == 2


def test_put_without_a_version_answers_428(api, make_project):
    make_project(code="A-5")
    response = api.put("/api/v1/projects/A-5/", {"title_en": "x"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_put_with_if_match_any_replaces_whatever_version_is_current(api, make_project):
    make_project(code="A-8")
    body = api.get("/api/v1/projects/A-8/").json()
    payload = {
        "code": "A-8",
        "title_ar": body["title_ar"],
        "title_en": "Replaced",
        "sector": "housing",
        "project_type": "rehabilitation",
        "municipality": body["municipality"]["pcode"],
    }
    response = api.put("/api/v1/projects/A-8/", payload, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 200, response.content
    assert Project.objects.get(code="A-8").title_en == "Replaced"


def test_a_malformed_if_match_answers_400(api, make_project):
    make_project(code="A-6")
    response = api.patch(
        "/api/v1/projects/A-6/", {"budget": "9"}, format="json", HTTP_IF_MATCH="yesterday"
    )
    assert response.status_code == 400


def test_the_409_is_translated(api, make_project, officer):
    project = make_project(code="A-7")
    project_update(project=project, by=officer, title_en="Someone else's")
    response = api.patch(
        "/api/v1/projects/A-7/",
        {"budget": "9", "row_version": 1},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 409
    assert "حفظ شخص آخر" in response.json()["detail"]


def test_the_schema_documents_if_match_etag_and_the_refusals():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    patch = schema["paths"]["/api/v1/projects/{code}/"]["patch"]
    put = schema["paths"]["/api/v1/projects/{code}/"]["put"]
    get = schema["paths"]["/api/v1/projects/{code}/"]["get"]
    assert {"409", "412"} <= set(patch["responses"]) and "428" in put["responses"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ETag" in get["responses"]["200"]["headers"]
