"""A database from before keyed seals: its unkeyed events still verify after migrating.

Runs the real migrations on a scratch database of its own (SQLite, or PostgreSQL when the
suite runs on it), with events written by the old unkeyed algorithm, re-implemented here.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid

import pytest

LEGACY_EVENTS = 3
LATER_MIGRATION = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
django.setup()
from django.apps import apps
from django.db import connection, migrations, models
from django.db.migrations.state import ProjectState
from imar.accounts import audit_guard

field = models.CharField(max_length=5, default="x")
operations = audit_guard.around_schema_change(
    migrations.AddField("auditevent", "extra", field),
    migrations.AddField("auditchainhead", "extra", field),
)
state = ProjectState.from_apps(apps)
with connection.schema_editor() as editor:
    for operation in operations:
        after = state.clone()
        operation.state_forwards("accounts", after)
        operation.database_forwards("accounts", editor, state, after)
        state = after
"""


def _legacy_rows() -> list[tuple]:
    """Three events as the pre-HMAC code sealed them: sha256(previous hash + canonical JSON)."""
    rows, previous = [], ""
    for n in range(1, LEGACY_EVENTS + 1):
        content = {
            "sequence": n,
            "at": f"2025-01-0{n}T10:00:00+00:00",
            "actor": None,
            "actor_name": "",
            "action": "update",
            "object_type": "partners.engagement",
            "object_id": "1",
            "object_repr": "Visit",
            "changes": {"budget": [str(n), str(n + 1)]},
            "reason": "legacy",
        }
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256((previous + canonical).encode()).hexdigest()
        rows.append((n, content["at"], json.dumps(content["changes"]), previous, digest))
        previous = digest
    return rows


class Scratch:
    """One throw-away database and the commands to run against it."""

    def __init__(self, tmp_path):
        self.vendor = (
            "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
        )
        if self.vendor == "postgresql":
            import psycopg

            self.name = f"imar_upgrade_{uuid.uuid4().hex[:12]}"
            self.admin = "postgresql://postgres@127.0.0.1:5432/postgres"
            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
            self.url = f"postgres://postgres@127.0.0.1:5432/{self.name}"
        else:
            self.path = tmp_path / "old.sqlite3"
            self.url = f"sqlite:///{self.path}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
        self.env.update(DATABASE_URL=self.url, IMAR_DATA_DIR=str(tmp_path))

    def python(self, code: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", code], env=self.env, capture_output=True, text=True, check=False
        )

    def imar(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from imar.manage import main; main()", *args],
            env=self.env, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def execute(self, statements: list[tuple[str, tuple]]) -> None:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as conn:
                for sql, params in statements:
                    conn.execute(sql.replace("?", "%s"), params)
        else:
            with sqlite3.connect(self.path) as conn:
                for sql, params in statements:
                    conn.execute(sql, params)

    def drop(self) -> None:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def old_database(tmp_path):
    scratch = Scratch(tmp_path)
    try:
        result = scratch.imar("migrate", "accounts", "0002", "--no-input", "-v0")
        assert result.returncode == 0, result.stderr
        rows = _legacy_rows()
        statements = [
            (
                "INSERT INTO accounts_auditevent (sequence, at, actor_id, actor_name, action, "
                "object_type, object_id, object_repr, changes, reason, previous_hash, hash) "
                "VALUES (?, ?, NULL, '', 'update', 'partners.engagement', '1', 'Visit', ?, "
                "'legacy', ?, ?)",
                row,
            )
            for row in rows
        ]
        statements.append(
            ("INSERT INTO accounts_auditchainhead (id, length, last_hash) VALUES (1, ?, ?)",
             (LEGACY_EVENTS, rows[-1][-1]))
        )  # fmt: skip
        statements.append(
            ("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, "
             "email, is_staff, is_active, date_joined, last_login) VALUES ('!', ?, 'root', '', '', "
             "'', ?, ?, '2025-01-01 00:00:00', '2025-01-01 00:00:00')", (True, True, True))
        )  # fmt: skip
        scratch.execute(statements)
        result = scratch.imar("migrate", "--no-input", "-v0")
        assert result.returncode == 0, result.stderr
        yield scratch
    finally:
        scratch.drop()


def test_legacy_events_still_verify_and_a_rewrite_of_one_still_fails(old_database):
    result = old_database.imar("audit", "verify")
    assert result.returncode == 0, result.stderr
    # The three legacy events, and the baseline of the one privileged account.
    assert "intact: 4 events" in result.stdout
    result = old_database.imar("audit", "checkpoint")
    assert result.returncode == 0 and json.loads(result.stdout)["count"] == 4
    # A later migration altering the audit tables (SQLite rebuilds them) keeps the guard.
    result = old_database.python(LATER_MIGRATION)
    assert result.returncode == 0, result.stderr
    result = old_database.imar("audit", "verify")
    assert result.returncode == 0, result.stderr
    drop = (
        "DROP TRIGGER audit_event_no_update"
        if old_database.vendor == "sqlite"
        else "DROP TRIGGER audit_event_guard ON accounts_auditevent"
    )
    rewrite = "UPDATE accounts_auditevent SET reason = 'rewritten' WHERE sequence = 2"
    old_database.execute([(drop, ()), (rewrite, ())])
    result = old_database.imar("audit", "verify")
    assert result.returncode == 1
    assert "event 2: its content does not match its seal" in result.stderr
