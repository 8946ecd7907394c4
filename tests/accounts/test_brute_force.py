"""Sign-in lockout (django-axes): per account and per address, on the staff login page, the
Django admin login and the token endpoint, with a translated message and HTTP 429."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.accounts._helpers import english_api

PASSWORD = "pass-Imar-2026"
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.IMAR_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 10
    settings.IMAR_LOGIN_COOLOFF_MINUTES = 15
    settings.AXES_COOLOFF_TIME = 0.25


def _login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, officer):
    for _ in range(30):
        _login(client, "officer", "wrong")
    response = _login(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert response["Retry-After"] == str(15 * 60)


def test_the_lockout_message_is_in_arabic(client, officer):
    client.cookies["imar_language"] = "ar"
    for _ in range(11):
        response = _login(client, "officer", "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "محاولات تسجيل دخول فاشلة كثيرة" in page


def test_a_few_typos_do_not_lock_anyone_out(client, officer):
    for _ in range(9):
        assert _login(client, "officer", "wrong").status_code == 200
    response = _login(client, "officer", PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_the_account_is_locked_whatever_address_the_attempts_come_from(client, officer):
    for n in range(12):
        _login(client, "officer", "wrong", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert _login(client, "officer", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert not _signed_in(client)


def test_an_address_is_locked_whatever_accounts_it_tries(client, officer, auditor):
    for n in range(12):
        _login(client, f"guess{n}", "wrong", REMOTE_ADDR="198.51.100.7")
    # The right password of a real account, from the same address: refused too.
    assert _login(client, "auditor", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    # Another address is not affected.
    assert _login(client, "auditor", PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, officer):
    for _ in range(12):
        _login(client, "officer", "wrong")
    assert _login(client, "officer", PASSWORD).status_code == 429
    # Time travel: the failures happened 16 minutes ago.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = _login(client, "officer", PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_the_django_admin_login_is_locked_too(client, admin_user):
    url = reverse("admin:login")
    for _ in range(30):
        client.post(url, {"username": "admin", "password": "wrong", "next": "/admin/"})
    response = client.post(url, {"username": "admin", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 429
    assert not _signed_in(client)


def test_150_wrong_passwords_on_the_token_endpoint_get_429(officer):
    api = english_api()
    codes = [
        api.post(
            TOKEN, {"username": "officer", "password": f"wrong-{n}"}, format="json"
        ).status_code
        for n in range(150)
    ]
    assert codes[:9] == [400] * 9
    assert 429 in codes
    assert set(codes[codes.index(429) :]) == {429}
    # Past the API's own rate limit too: once its window has passed (the cache holds it),
    # the right password is still refused, by the lockout.
    cache.clear()
    response = api.post(TOKEN, {"username": "officer", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]
    assert "token" not in response.json()


def test_token_lockout_speaks_arabic(officer):
    api = english_api()
    for _ in range(11):
        response = api.post(
            TOKEN,
            {"username": "officer", "password": "x"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="ar",
        )
    assert response.status_code == 429
    assert "محاولات تسجيل دخول فاشلة كثيرة" in response.json()["detail"]


def test_failures_on_the_token_endpoint_and_the_page_add_up(client, officer):
    api = english_api()
    for _ in range(6):
        api.post(TOKEN, {"username": "officer", "password": "x"}, format="json")
    for _ in range(6):
        _login(client, "officer", "wrong")
    assert api.post(TOKEN, {"username": "officer", "password": PASSWORD}).status_code == 429
