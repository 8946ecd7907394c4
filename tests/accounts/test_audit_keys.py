"""Production needs its own audit key: the server refuses to start without one."""

import os
import subprocess
import sys

import pytest

SECRET = "s" * 50


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import imar.settings"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "IMAR_AUDIT_KEY is the public default"),
        ("short", "shorter than 32 characters"),
        (SECRET, "IMAR_AUDIT_KEY must differ from IMAR_SECRET_KEY"),
    ],
    ids=["missing", "short", "same-as-secret-key"],
)
def test_production_refuses_a_missing_weak_or_reused_audit_key(key, message):
    env = {"IMAR_DEBUG": "false", "IMAR_SECRET_KEY": SECRET}
    if key is not None:
        env["IMAR_AUDIT_KEY"] = key
    result = _import_settings(**env)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_its_own_audit_key_and_old_keys():
    result = _import_settings(
        IMAR_DEBUG="false", IMAR_SECRET_KEY=SECRET, IMAR_AUDIT_KEY="k" * 64,
        IMAR_AUDIT_OLD_KEYS="o" * 64 + "," + "p" * 64,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_the_demo_runs_on_a_public_default_key():
    result = _import_settings()
    assert result.returncode == 0, result.stderr
