"""API tokens expire, and logging out, changing the password (page, reset, admin, code) or
POST /api/v1/auth/token/revoke/ ends them."""

from datetime import timedelta

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.accounts._helpers import english_api

PASSWORD = "pass-Imar-2026"
TOKEN = "/api/v1/auth/token/"
REVOKE = "/api/v1/auth/token/revoke/"
PRIVATE = "/api/v1/projects/"


def _token(username="officer", password=PASSWORD) -> dict:
    response = english_api().post(
        TOKEN, {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def _api(key: str):
    api = english_api()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _works(key: str) -> bool:
    return _api(key).get(PRIVATE).status_code == 200


def test_the_token_answer_gives_the_token_and_when_it_expires(officer, settings):
    settings.IMAR_API_TOKEN_HOURS = 24
    before = timezone.now()
    answer = _token()
    assert set(answer) == {"token", "expires"}
    from django.utils.dateparse import parse_datetime

    expires = parse_datetime(answer["expires"])
    assert before + timedelta(hours=24) <= expires <= timezone.now() + timedelta(hours=24)
    assert _works(answer["token"])


def test_an_expired_token_is_refused_and_a_new_one_replaces_it(officer, settings):
    settings.IMAR_API_TOKEN_HOURS = 24
    key = _token()["token"]
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(hours=25))
    response = _api(key).get(PRIVATE)
    # 403 rather than 401: session authentication comes first in the API's settings.
    assert response.status_code in (401, 403)
    assert "expired" in response.json()["detail"]
    fresh = _token()["token"]
    assert fresh != key and _works(fresh)


def test_asking_again_before_expiry_gives_the_same_token(officer):
    assert _token()["token"] == _token()["token"]


def test_wrong_password_gives_the_documented_400(officer):
    response = english_api().post(TOKEN, {"username": "officer", "password": "x"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_revoke_ends_the_token(officer):
    key = _token()["token"]
    assert _api(key).post(REVOKE).status_code == 204
    assert not Token.objects.filter(key=key).exists()
    assert not _works(key)
    assert _api(key).post(REVOKE).status_code in (401, 403)


def test_revoke_needs_a_caller(db):
    assert english_api().post(REVOKE).status_code in (401, 403)


def test_logging_out_revokes_the_users_tokens(client, officer):
    key = _token()["token"]
    client.force_login(officer)
    client.post("/accounts/logout/")
    assert not _works(key)


def test_changing_the_password_on_the_page_revokes_tokens_and_keeps_the_session(client, officer):
    key = _token()["token"]
    client.force_login(officer)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-New-longer-Pass-2027",
            "new_password2": "a-New-longer-Pass-2027",
        },
        follow=True,
    )
    assert "Your password is changed" in response.content.decode()
    assert not _works(key)
    assert client.get(reverse("portfolio:project_list")).status_code == 200  # still signed in here


def test_the_password_page_needs_the_old_password(client, officer):
    key = _token()["token"]
    client.force_login(officer)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "a-New-Pass-2027x",
            "new_password2": "a-New-Pass-2027x",
        },
    )
    assert response.status_code == 200
    assert _works(key)


def test_a_password_reset_revokes_tokens(officer):
    key = _token()["token"]
    form = SetPasswordForm(
        officer, {"new_password1": "Reset-Pass-2027x", "new_password2": "Reset-Pass-2027x"}
    )
    assert form.is_valid()
    form.save()
    assert not _works(key)


def test_set_password_from_code_or_the_admin_revokes_tokens(officer):
    key = _token()["token"]
    officer.set_password("Admin-Set-2027x")
    officer.save()
    assert not _works(key)


def test_an_unusable_password_revokes_tokens(officer):
    key = _token()["token"]
    officer.set_unusable_password()
    officer.save()
    assert not _works(key)


def test_saving_the_user_for_something_else_keeps_tokens(officer):
    key = _token()["token"]
    officer.first_name = "Huda"
    officer.save()
    officer.last_login = timezone.now()
    officer.save(update_fields=["last_login"])
    assert _works(key)


@pytest.mark.django_db
def test_the_admin_password_form_revokes_tokens(client, admin_user, officer):
    key = _token()["token"]
    client.force_login(admin_user)
    url = f"/admin/auth/user/{officer.pk}/password/"
    response = client.post(
        url,
        {
            "password1": "From-Admin-2027x",
            "password2": "From-Admin-2027x",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not _works(key)
