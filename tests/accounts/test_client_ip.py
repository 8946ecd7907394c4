"""One client-address rule: a forged X-Forwarded-For gains nothing, neither against the
sign-in lockout nor against the API throttles; declared proxies are read from the right."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle as StockAnonThrottle
from rest_framework.throttling import SimpleRateThrottle

from imar.accounts.client_ip import client_ip, client_ip_from
from tests.accounts._helpers import english_api

PASSWORD = "pass-Imar-2026"


def _random_ip(rng: random.Random) -> str:
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


@pytest.mark.parametrize(
    ("remote", "xff", "count", "trusted", "expected"),
    [
        ("203.0.113.5", None, 0, [], "203.0.113.5"),
        ("203.0.113.5", "1.2.3.4", 0, [], "203.0.113.5"),  # no proxies: header ignored
        ("10.0.0.2", "1.2.3.4, 198.51.100.9", 1, [], "198.51.100.9"),  # right-most
        ("10.0.0.2", "1.2.3.4, 198.51.100.9, 10.0.0.1", 2, [], "198.51.100.9"),
        ("10.0.0.2", "198.51.100.9", 2, [], "198.51.100.9"),  # fewer hops than proxies
        ("10.0.0.2", "", 1, [], "10.0.0.2"),
        ("10.0.0.2", "not-an-ip", 1, [], "10.0.0.2"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.9", 0, ["10.0.0.0/8"], "198.51.100.9"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.9, 10.0.0.7", 0, ["10.0.0.0/8"], "198.51.100.9"),
        ("203.0.113.5", "1.2.3.4", 0, ["10.0.0.0/8"], "203.0.113.5"),  # not via our proxy
        ("10.0.0.2", "1.2.3.4, junk", 0, ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "10.0.0.3", 0, ["10.0.0.0/8"], "10.0.0.3"),  # all hops trusted
        ("10.0.0.2", "[2001:db8::1]:443", 1, [], "2001:db8::1"),
        ("10.0.0.2", "198.51.100.9:5123", 1, [], "198.51.100.9"),
        ("::ffff:203.0.113.5", None, 0, [], "203.0.113.5"),
        ("2001:db8::5", "1.2.3.4", 0, ["2001:db8::/32"], "1.2.3.4"),
    ],
)
def test_the_rule(remote, xff, count, trusted, expected):
    assert client_ip_from(remote, xff, proxy_count=count, trusted_proxies=trusted) == expected


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_the_rule_reads_the_header_as_drf_num_proxies_does(settings, count):
    """An independent check: DRF's own reading of NUM_PROXIES (settings give it
    IMAR_PROXY_COUNT) names the same client for any chain of valid addresses."""
    rng = random.Random(count)
    settings.IMAR_PROXY_COUNT, settings.IMAR_TRUSTED_PROXIES = count, []
    original = api_settings.NUM_PROXIES
    api_settings.NUM_PROXIES = count
    try:
        for _ in range(200):
            hops = [_random_ip(rng) for _ in range(rng.randint(0, 5))]
            meta = {"REMOTE_ADDR": _random_ip(rng)}
            if hops:
                meta["HTTP_X_FORWARDED_FOR"] = ", ".join(hops)
            request = RequestFactory().get("/", **meta)
            assert client_ip(request) == StockAnonThrottle().get_ident(request)
    finally:
        api_settings.NUM_PROXIES = original


def test_settings_give_drf_the_same_proxy_count():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.IMAR_PROXY_COUNT == 0


def test_a_random_forwarded_for_per_request_does_not_bypass_the_login_lockout(client, officer):
    rng = random.Random(10)
    for _ in range(30):
        client.post(
            "/accounts/login/",
            {"username": f"guess{rng.random()}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=_random_ip(rng),
        )
    response = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=_random_ip(rng),
    )
    assert response.status_code == 429


def test_behind_one_declared_proxy_the_forged_left_part_gains_nothing(client, officer, settings):
    settings.IMAR_PROXY_COUNT = 1
    rng = random.Random(11)
    for _ in range(30):
        forged = _random_ip(rng)
        client.post(
            "/accounts/login/",
            {"username": f"guess{rng.random()}", "password": "wrong"},
            # The client forged the first entry; our proxy appended the address it saw.
            HTTP_X_FORWARDED_FOR=f"{forged}, 198.51.100.77",
            REMOTE_ADDR="10.0.0.2",
        )
    response = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=f"{_random_ip(rng)}, 198.51.100.77",
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 429
    # Another client behind the same proxy is not locked out.
    response = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.78",
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code in (302, 429)  # 429 only if the account itself is locked


@pytest.fixture
def tight_anon_rate(monkeypatch):
    # On the base class, where every throttle reads it (setting it on a subclass and then
    # "restoring" it would leave that subclass shadowing later tests' rates).
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "anon": "5/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.parametrize(
    "throttle", [StockAnonThrottle, "imar.accounts.throttling.AnonRateThrottle"], ids=str
)
def test_a_random_forwarded_for_per_request_does_not_bypass_the_api_anon_throttle(
    db, tight_anon_rate, throttle
):
    from django.utils.module_loading import import_string

    cls = import_string(throttle) if isinstance(throttle, str) else throttle
    rng = random.Random(12)
    statuses = []
    for _ in range(12):
        request = RequestFactory().get(
            "/api/v1/public/projects/", HTTP_X_FORWARDED_FOR=_random_ip(rng)
        )
        request.user = AnonymousUser()
        statuses.append(cls().allow_request(request, view=None))
    assert statuses[:5] == [True] * 5
    assert not any(statuses[5:])


def test_the_public_api_answers_429_whatever_the_forwarded_for(db, tight_anon_rate):
    api = english_api()
    rng = random.Random(13)
    codes = [
        api.get("/api/v1/public/projects/", HTTP_X_FORWARDED_FOR=_random_ip(rng)).status_code
        for _ in range(8)
    ]
    assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3
