"""Two-factor sign-in: enrolment with a server-drawn QR code and backup codes shown once, the
code step at login, and the roles that must use it (when enforced) sent to set it up first."""

import base64
import re
import subprocess
import sys

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from imar.accounts.models import AuditEvent, Profile
from imar.core.languages import split_prefix
from tests.accounts._helpers import english_api
from tests.conftest import _user

PASSWORD = "pass-Imar-2026"
SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


@pytest.fixture(autouse=True)
def _no_otp_backoff(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = ["backup01", "backup02"]
    for code in codes:
        StaticToken.objects.create(device=static, token=code)
    return device, codes


def _sign_in(client, username):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _page(client):
    return client.get(reverse("portfolio:project_list"))


def test_enrolment_draws_the_qr_code_on_the_server_and_shows_backup_codes_once(client, officer):
    client.force_login(officer)
    page = client.get(SETUP).content.decode()
    image = re.search(r'<img class="qr-code" src="data:image/svg\+xml;base64,([^"]+)"', page)
    svg = base64.b64decode(image.group(1)).decode()
    assert "<path" in svg
    assert (
        "style=" not in svg
        and "<script" not in svg
        and "http" not in svg.replace("http://www.w3.org", "")
    )
    assert 'href="http' not in page.split("<main", 1)[-1]  # no outside QR service
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    response = client.post(SETUP, {"code": _code(device)})
    page = response.content.decode()
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", page)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(
        action="accounts.2fa_enrol", object_id=str(officer.pk)
    ).exists()
    # Shown once: the page now tells the state, not the codes.
    page = client.get(SETUP).content.decode()
    assert "10 backup codes left." in page
    assert not any(code in page for code in codes)


def test_a_wrong_code_does_not_turn_it_on(client, officer):
    client.force_login(officer)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert "This code is not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_an_enrolled_user_gives_a_code_after_the_password(client, officer):
    device, _ = _enrolled(officer)
    _sign_in(client, "officer")
    response = _page(client)
    assert response.status_code == 302 and bare(response.url).startswith(VERIFY)
    assert bare(client.get("/admin/").url).startswith(VERIFY)
    response = client.post(VERIFY, {"code": "123456", "next": "/portfolio/"})
    assert "This code is not valid" in response.content.decode()
    assert _page(client).status_code == 302
    response = client.post(VERIFY, {"code": _code(device), "next": "/portfolio/"})
    assert response.status_code == 302
    assert _page(client).status_code == 200


def test_a_backup_code_works_once(client, officer):
    _, codes = _enrolled(officer)
    _sign_in(client, "officer")
    response = client.post(VERIFY, {"code": codes[0]}, follow=True)
    assert "You used a backup code; 1 are left." in response.content.decode()
    assert _page(client).status_code == 200
    client.logout()
    _sign_in(client, "officer")
    client.post(VERIFY, {"code": codes[0]})
    assert _page(client).status_code == 302


def test_the_session_api_is_closed_until_the_code_is_given(client, officer):
    _enrolled(officer)
    _sign_in(client, "officer")
    response = client.get("/api/v1/projects/")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_the_token_endpoint_asks_an_enrolled_user_for_the_code(officer):
    device, _ = _enrolled(officer)
    api = english_api()
    data = {"username": "officer", "password": PASSWORD}
    response = api.post("/api/v1/auth/token/", data, format="json")
    assert response.status_code == 400 and "otp" in response.json()
    response = api.post("/api/v1/auth/token/", {**data, "otp": "000000"}, format="json")
    assert response.status_code == 400
    response = api.post("/api/v1/auth/token/", {**data, "otp": _code(device)}, format="json")
    assert response.status_code == 200 and response.json()["token"]


@pytest.fixture
def enforced(settings):
    settings.IMAR_2FA_ENFORCED = True
    settings.IMAR_2FA_REQUIRED_ROLES = ["administrator", "finance"]


@pytest.mark.parametrize("path", ["/portfolio/", "/admin/", "/partners/"])
def test_an_administrator_without_two_factor_is_sent_to_set_it_up_first(
    client, admin_user, enforced, path
):
    _sign_in(client, "admin")
    response = client.get(path)
    assert response.status_code == 302 and bare(response.url).startswith(SETUP)
    page = client.get(response.url).content.decode()
    assert "Your role requires two-factor sign-in" in page


def test_the_finance_role_must_set_it_up_once_it_exists(client, db, enforced):
    # The role is compared as a string: it works as soon as the roles module adds "finance".
    user = _user("khaled", None)
    Profile.objects.create(user=user, role="finance")
    _sign_in(client, "khaled")
    assert bare(_page(client).url).startswith(SETUP)


def test_a_required_user_who_set_it_up_gets_through(client, admin_user, enforced):
    _sign_in(client, "admin")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=admin_user)
    client.post(SETUP, {"code": _code(device)})
    assert _page(client).status_code == 200
    assert client.get("/admin/").status_code == 200
    # ... and cannot turn it off.
    response = client.post("/accounts/two-factor/disable/", {"code": "x"}, follow=True)
    assert "cannot be turned off" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_other_roles_are_not_forced(client, officer, enforced):
    _sign_in(client, "officer")
    assert _page(client).status_code == 200


def test_a_required_user_without_two_factor_gets_no_token(admin_user, enforced):
    response = english_api().post(
        "/api/v1/auth/token/", {"username": "admin", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 403


def test_when_not_enforced_an_administrator_may_go_without(client, admin_user, settings):
    settings.IMAR_2FA_ENFORCED = False
    _sign_in(client, "admin")
    assert client.get("/admin/").status_code == 200


def test_an_optional_user_can_turn_it_off_with_a_code(client, officer):
    device, _ = _enrolled(officer)
    _sign_in(client, "officer")
    client.post(VERIFY, {"code": _code(device)})
    device.refresh_from_db()
    device.last_t = -1  # let the same time step be used again in this test
    device.save()
    client.post("/accounts/two-factor/disable/", {"code": _code(device)})
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert AuditEvent.objects.filter(action="accounts.2fa_disable").exists()


def _setting_in_a_fresh_process(env: dict) -> str:
    code = "import imar.settings as s; print(s.IMAR_2FA_ENFORCED)"
    base = {"PATH": "/usr/bin:/bin", "IMAR_DATA_DIR": "/tmp/imar-2fa-settings-test"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_two_factor_is_enforced_by_default_in_production_and_not_in_the_demo():
    assert (
        _setting_in_a_fresh_process(
            {"IMAR_DEBUG": "false", "IMAR_SECRET_KEY": "x" * 50, "IMAR_AUDIT_KEY": "k" * 64}
        )
        == "True"
    )
    assert _setting_in_a_fresh_process({}) == "False"  # the local demo (IMAR_DEBUG true)
    assert (
        _setting_in_a_fresh_process(
            {
                "IMAR_DEBUG": "false",
                "IMAR_SECRET_KEY": "x" * 50,
                "IMAR_AUDIT_KEY": "k" * 64,
                "IMAR_2FA_ENFORCED": "false",
            }
        )
        == "False"
    )


def bare(url: str) -> str:
    """The address without its language prefix (these pages answer in English: /en/…)."""
    return split_prefix(url)[1]
