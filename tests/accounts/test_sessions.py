"""Sessions end after IMAR_SESSION_IDLE_MINUTES without a request and IMAR_SESSION_MAX_HOURS
after sign-in; tested by moving the session's clocks back, not by sleeping."""

import time

from django.conf import settings as django_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from imar.accounts import sessions
from imar.core.languages import split_prefix

PASSWORD = "pass-Imar-2026"


def _sign_in(client, username="officer"):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _shift(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[getattr(sessions, key)] = now - ago
    session.save()


def _page(client):
    return client.get(reverse("portfolio:project_list"))


def test_the_session_ends_after_the_idle_time(client, officer, settings):
    settings.IMAR_SESSION_IDLE_MINUTES = 30
    _sign_in(client)
    _shift(client, LAST_ACTIVITY=29 * 60)
    assert _page(client).status_code == 200
    _shift(client, LAST_ACTIVITY=31 * 60)
    response = _page(client)
    assert response.status_code == 302 and bare(response.url).startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    login_page = client.get(response.url).content.decode()
    assert "You were signed out after 30 minutes without activity." in login_page


def test_activity_keeps_the_session_and_is_written_at_most_once_a_minute(client, officer):
    _sign_in(client)
    _shift(client, LAST_ACTIVITY=20)
    stamp = client.session[sessions.LAST_ACTIVITY]
    _page(client)
    assert client.session[sessions.LAST_ACTIVITY] == stamp  # 20 s: not rewritten
    _shift(client, LAST_ACTIVITY=25 * 60)
    _page(client)
    assert time.time() - client.session[sessions.LAST_ACTIVITY] < 5  # renewed
    assert _page(client).status_code == 200


def test_the_session_ends_after_the_maximum_age_whatever_the_activity(client, officer, settings):
    settings.IMAR_SESSION_MAX_HOURS = 12
    _sign_in(client)
    _shift(client, SIGNED_IN_AT=11 * 3600, LAST_ACTIVITY=10)
    assert _page(client).status_code == 200
    _shift(client, SIGNED_IN_AT=12 * 3600 + 60, LAST_ACTIVITY=10)
    response = _page(client)
    assert response.status_code == 302
    assert "a session lasts at most 12 hours" in client.get(response.url).content.decode()


def test_the_signed_out_message_is_in_arabic(client, officer):
    _sign_in(client)
    _shift(client, LAST_ACTIVITY=3 * 3600)
    client.cookies["imar_language"] = "ar"
    response = _page(client)
    page = client.get(response.url).content.decode()
    assert "تم تسجيل خروجك بعد 30 دقيقة دون نشاط." in page


def test_a_timed_out_session_leaves_the_api_token_alone(client, officer):
    token = Token.objects.create(user=officer)
    _sign_in(client)
    _shift(client, LAST_ACTIVITY=31 * 60)
    _page(client)
    assert Token.objects.filter(pk=token.pk).exists()


def test_the_session_cookie_lives_far_less_than_two_weeks():
    assert django_settings.SESSION_COOKIE_AGE == 12 * 3600
    assert django_settings.SESSION_COOKIE_HTTPONLY


def bare(url: str) -> str:
    """The address without its language prefix (these pages answer in English: /en/…)."""
    return split_prefix(url)[1]
