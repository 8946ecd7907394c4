"""Argon2 hashing in production settings; older hashes still verify and are upgraded."""

import importlib

from django.contrib.auth.hashers import make_password
from rest_framework.authtoken.models import Token

import imar.settings as production

PASSWORD = "pass-Imar-2026"


def test_production_settings_hash_with_argon2_first():
    # tests/conftest.py swaps in MD5 for speed; the settings module keeps the real list.
    module = importlib.reload(production)
    assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in module.PASSWORD_HASHERS
    assert not any(
        "MD5" in h or h.rsplit(".", 1)[1] == "SHA1PasswordHasher" for h in module.PASSWORD_HASHERS
    )


def test_argon2_is_installed_and_used(settings, officer):
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    officer.set_password(PASSWORD)
    officer.save()
    officer.refresh_from_db()
    assert officer.password.startswith("argon2$argon2id$")
    assert officer.check_password(PASSWORD)


def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded(client, settings, officer):
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    officer.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    officer.save()
    token = Token.objects.create(user=officer)
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.password.startswith("argon2$")
    # Rehashing the same password is not a password change: the token lives on.
    assert Token.objects.filter(pk=token.pk).exists()
