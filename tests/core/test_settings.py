"""Settings are parsed strictly, and production refuses the public default secret key."""

import os
import subprocess
import sys

import pytest


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import imar.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_default_secret_key():
    result = _import_settings(IMAR_DEBUG="false")
    assert result.returncode != 0
    assert "IMAR_SECRET_KEY" in result.stderr


def test_production_starts_with_its_own_secret_key():
    result = _import_settings(IMAR_DEBUG="false", IMAR_SECRET_KEY="x" * 50, IMAR_AUDIT_KEY="k" * 64)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("IMAR_DEBUG", "maybe", "IMAR_DEBUG must be true or false"),
        ("IMAR_ALERT_REPORT_DAYS", "sixty", "IMAR_ALERT_REPORT_DAYS must be a whole number"),
        ("IMAR_ALERT_SPI_BELOW", "low", "IMAR_ALERT_SPI_BELOW must be a number"),
    ],
)
def test_bad_values_stop_the_server_with_a_message(name, value, message):
    result = _import_settings(**{name: value})
    assert result.returncode != 0 and message in result.stderr
