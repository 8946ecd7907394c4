"""Helpers for the audit tests: act on the tables as a database user would, bypassing the app."""

from contextlib import contextmanager

from django.db import connection

from imar.accounts import audit_guard
from imar.accounts.audit import verify_chain

EVENTS = "accounts_auditevent"
HEAD = "accounts_auditchainhead"


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@contextmanager
def as_superuser():
    """Drop the guard triggers for the block, as a database superuser could, then put them
    back to cover the tracks (all undone with the test's rollback anyway)."""
    audit_guard.remove(connection)
    yield
    audit_guard.install(connection)


def problems() -> list[str]:
    return [p.problem for p in verify_chain()]


def head() -> dict:
    columns = ["length", "last_hash", "unkeyed_length", "signature", "key_id"]
    row = sql(f"SELECT {', '.join(columns)} FROM {HEAD} WHERE id = 1")
    return dict(zip(columns, row[0], strict=True)) if row else {}


def event_row(sequence: int) -> dict:
    columns = ["previous_hash", "hash", "changes", "seal", "key_id"]
    row = sql(f"SELECT {', '.join(columns)} FROM {EVENTS} WHERE sequence = %s", [sequence])
    return dict(zip(columns, row[0], strict=True))
