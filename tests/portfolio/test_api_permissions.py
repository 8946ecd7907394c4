"""Who may read and write projects through the API, from the allowed and the refused side."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from imar.accounts.models import AuditEvent
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project

PROJECTS = "/api/v1/projects/"


@pytest.fixture
def places(make_project, tripoli):
    """A public and a private project in Derna, a private one in Tripoli."""
    return {
        "public": make_project(code="DR-PUB", is_public=True),
        "private": make_project(code="DR-PRIV", is_public=False, description_ar="وصف"),
        "tripoli": make_project(code="TR-PRIV", municipality=tripoli, is_public=False),
    }


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def listed(client) -> list[str]:
    response = client.get(PROJECTS)
    assert response.status_code == 200
    return [row["code"] for row in response.json()["results"]]


NEW_PROJECT = {
    "code": "NEW-1",
    "title_ar": "مدرسة جديدة",
    "title_en": "New school",
    "sector": "education",
    "project_type": "construction",
    "municipality": "LY010102",
}


# ---- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_public_reads_only_public_projects_without_the_public_flag(request, places, who):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    assert listed(client) == ["DR-PUB"]
    assert "is_public" not in client.get(f"{PROJECTS}DR-PUB/").json()
    assert client.get(f"{PROJECTS}DR-PRIV/").status_code == 404
    assert client.get(f"{PROJECTS}DR-PRIV/history/").status_code == 404


@pytest.mark.parametrize("who", ["auditor", "officer", "admin_user"])
def test_head_office_reads_every_project_with_the_public_flag(request, places, who):
    client = client_for(request.getfixturevalue(who))
    assert listed(client) == ["DR-PRIV", "DR-PUB", "TR-PRIV"]
    assert client.get(f"{PROJECTS}TR-PRIV/").json()["is_public"] is False


def test_engineer_reads_only_projects_in_their_districts(engineer, places):
    client = client_for(engineer)
    assert listed(client) == ["DR-PRIV", "DR-PUB"]
    assert client.get(f"{PROJECTS}DR-PRIV/").status_code == 200
    assert client.get(f"{PROJECTS}TR-PRIV/").status_code == 404


# ---- creating ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "admin_user"])
def test_officers_and_administrators_create_projects(request, places, who):
    response = client_for(request.getfixturevalue(who)).post(PROJECTS, NEW_PROJECT, format="json")
    assert response.status_code == 201, response.content
    assert Project.objects.filter(code="NEW-1").exists()


@pytest.mark.parametrize(
    ("who", "status_code"),
    [("anonymous", (401, 403)), ("outsider", (403,)), ("auditor", (403,)), ("engineer", (403,))],
)
def test_everyone_else_is_refused_creating_a_project(request, places, who, status_code):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(user).post(PROJECTS, NEW_PROJECT, format="json")
    assert response.status_code in status_code
    assert not Project.objects.filter(code="NEW-1").exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_refusal_is_explained_in_the_request_language(auditor, places):
    client = client_for(auditor)
    english = client.post(PROJECTS, NEW_PROJECT, format="json", HTTP_ACCEPT_LANGUAGE="en")
    arabic = client.post(PROJECTS, NEW_PROJECT, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    assert english.json()["detail"] == "You do not have permission to perform this action."
    assert arabic.json()["detail"] == "ليس لديك صلاحية للقيام بهذا الإجراء."


# ---- editing ----------------------------------------------------------------------------


def patch(client, code, **fields):
    return client.patch(f"{PROJECTS}{code}/", fields, format="json")


def test_engineer_edits_a_project_in_their_district(engineer, places):
    response = patch(client_for(engineer), "DR-PRIV", beneficiaries=1200)
    assert response.status_code == 200, response.content
    assert Project.objects.get(code="DR-PRIV").beneficiaries == 1200


def test_engineer_cannot_edit_outside_their_district(engineer, places):
    response = patch(client_for(engineer), "TR-PRIV", beneficiaries=1200)
    assert response.status_code == 404
    assert Project.objects.get(code="TR-PRIV").beneficiaries is None


def test_engineer_cannot_move_a_project_out_of_their_district(engineer, places):
    response = patch(client_for(engineer), "DR-PRIV", municipality="LY021104")
    assert response.status_code == 403
    assert Project.objects.get(code="DR-PRIV").municipality.pcode == "LY010102"


@pytest.mark.parametrize("who", ["officer", "admin_user"])
def test_head_office_edits_anywhere(request, places, who):
    response = patch(client_for(request.getfixturevalue(who)), "TR-PRIV", beneficiaries=5)
    assert response.status_code == 200
    assert Project.objects.get(code="TR-PRIV").beneficiaries == 5


@pytest.mark.parametrize(
    ("who", "status_code"),
    [("anonymous", (401, 403)), ("outsider", (403, 404)), ("auditor", (403,))],
)
def test_readers_cannot_edit(request, places, who, status_code):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = patch(client_for(user), "DR-PUB", beneficiaries=5)
    assert response.status_code in status_code
    assert Project.objects.get(code="DR-PUB").beneficiaries is None
    assert not AuditEvent.objects.filter(action="update").exists()


# ---- lifecycle --------------------------------------------------------------------------


def transition(client, code, to, reason=""):
    return client.post(f"{PROJECTS}{code}/transition/", {"to": to, "reason": reason}, format="json")


def test_engineer_suspends_a_project_in_their_district(engineer, places):
    response = transition(client_for(engineer), "DR-PRIV", "suspended", reason="security")
    assert response.status_code == 200, response.content
    assert Project.objects.get(code="DR-PRIV").status == ProjectStatus.SUSPENDED


def test_engineer_cannot_approve_or_appraise(engineer, places):
    response = transition(client_for(engineer), "DR-PRIV", "appraised")
    assert response.status_code == 403
    assert Project.objects.get(code="DR-PRIV").status == ProjectStatus.IDENTIFIED


@pytest.mark.parametrize("who", ["auditor", "outsider"])
def test_readers_cannot_move_projects(request, places, who):
    response = transition(client_for(request.getfixturevalue(who)), "DR-PUB", "suspended", "x")
    assert response.status_code == 403
    assert Project.objects.get(code="DR-PUB").status == ProjectStatus.IDENTIFIED


def test_officer_moves_any_project(officer, places):
    response = transition(client_for(officer), "DR-PRIV", "appraised")
    assert response.status_code == 200
    assert response.json()["status"]["code"] == "appraised"


# ---- token authentication ---------------------------------------------------------------


def test_a_script_obtains_a_token_and_uses_it(officer, places):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "officer", "password": "pass-Imar-2026"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=officer).key == token

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert listed(client) == ["DR-PRIV", "DR-PUB", "TR-PRIV"]
    assert patch(client, "TR-PRIV", beneficiaries=7).status_code == 200


def test_wrong_password_gets_no_token_and_a_translated_error(officer):
    client = APIClient()
    body = {"username": "officer", "password": "wrong"}
    english = client.post("/api/v1/auth/token/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    arabic = client.post("/api/v1/auth/token/", body, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    assert english.status_code == arabic.status_code == 400
    assert english.json()["non_field_errors"] == ["Unable to log in with provided credentials."]
    assert arabic.json()["non_field_errors"] == ["تعذر تسجيل الدخول بالبيانات المدخلة."]
    assert not Token.objects.exists()


def test_a_bad_token_is_refused(places):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(PROJECTS, HTTP_ACCEPT_LANGUAGE="en")
    # 403 rather than 401: session authentication comes first and sends no challenge.
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Invalid token."}
