"""The database itself refuses to rewrite the audit trail (SQLite and PostgreSQL triggers)."""

import pytest
from django.core.management import CommandError, call_command
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DatabaseError, IntegrityError, connection, transaction

from imar.accounts import audit_guard
from imar.accounts.audit import record_event, verify_chain
from imar.accounts.models import AuditChainHead, AuditEvent

from .audit_support import EVENTS, HEAD, head, problems, sql


@pytest.fixture
def trail(make_project, officer):
    project = make_project()
    for n in range(3):
        record_event(action="update", instance=project, actor=officer, changes={"step": [n, n]})
    return AuditEvent.objects.count()


def refused(statement: str, params=()) -> bool:
    """True when the database refuses `statement` (and nothing of it remains)."""
    try:
        with transaction.atomic():
            sql(statement, params)
    except DatabaseError:
        return True
    return False


def _insert_event(sequence, previous_hash, digest, verb="INSERT"):
    return (
        f"{verb} INTO {EVENTS} (sequence, at, actor_id, actor_name, action, object_type, "
        "object_id, object_repr, changes, reason, previous_hash, hash, seal, key_id) VALUES "
        f"({int(sequence)}, CURRENT_TIMESTAMP, NULL, '', 'update', 'x', '1', '', '{{}}', '', "
        f"'{previous_hash}', '{digest}', 'hmac-sha256', '')"
    )


def test_events_cannot_be_updated_or_deleted(trail):
    assert refused(f"UPDATE {EVENTS} SET reason = 'nothing happened' WHERE sequence = 2")
    assert refused(f"UPDATE {EVENTS} SET hash = hash")
    assert refused(f"DELETE FROM {EVENTS} WHERE sequence = {trail}")
    assert refused(f"DELETE FROM {EVENTS}")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=1).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        event = AuditEvent.objects.get(sequence=1)
        event.changes = {}
        event.save()
    assert AuditEvent.objects.count() == trail and verify_chain() == []


def test_the_head_cannot_be_deleted_or_moved(trail):
    top = head()
    assert refused(f"DELETE FROM {HEAD}")
    assert refused(f"UPDATE {HEAD} SET length = length - 1")
    assert refused(f"UPDATE {HEAD} SET length = length + 1")  # no event to point at
    assert refused(f"UPDATE {HEAD} SET last_hash = 'x'")
    assert refused(f"UPDATE {HEAD} SET unkeyed_length = length")
    assert refused(
        f"UPDATE {HEAD} SET length = 2, last_hash = %s",
        [AuditEvent.objects.get(sequence=2).hash],
    )
    assert refused(f"INSERT INTO {HEAD} (id, length, last_hash, unkeyed_length, signature, "
                   "key_id) VALUES (2, 0, '', 0, '', '')")  # fmt: skip
    assert head() == top


def test_events_go_only_at_the_head(trail):
    top = head()
    assert refused(_insert_event(top["length"] + 2, top["last_hash"], "a" * 64))  # a gap
    assert refused(_insert_event(top["length"] + 1, "b" * 64, "a" * 64))  # wrong parent
    assert refused(_insert_event(1, "", "a" * 64))  # in the past
    duplicate = AuditEvent.objects.get(sequence=1).hash
    assert refused(_insert_event(top["length"] + 1, top["last_hash"], duplicate))
    if connection.vendor == "sqlite":
        # REPLACE would delete the event whose hash it collides with, without a DELETE trigger.
        verb = "INSERT OR REPLACE"
        assert refused(_insert_event(top["length"] + 1, top["last_hash"], duplicate, verb))
    assert AuditEvent.objects.count() == trail


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate(trail):
    sql("SET CONSTRAINTS ALL IMMEDIATE")
    assert refused(f"TRUNCATE {EVENTS}")
    assert refused(f"TRUNCATE {HEAD}")
    assert refused(f"TRUNCATE {EVENTS}, {HEAD}")
    assert refused("TRUNCATE auth_user CASCADE")  # reaches the events through their actor
    assert AuditEvent.objects.count() == trail


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_disabled_trigger_is_reported(trail):
    sql("SET CONSTRAINTS ALL IMMEDIATE")
    sql(f"ALTER TABLE {EVENTS} DISABLE TRIGGER audit_event_guard")
    assert problems() == [
        "the database no longer refuses rewrites: its trigger audit_event_guard is missing or "
        "disabled"
    ]


def test_dropped_triggers_are_reported(trail):
    audit_guard.remove(connection)
    names = sorted(
        p.removeprefix("the database no longer refuses rewrites: its trigger ").split()[0]
        for p in problems()
    )
    expected = audit_guard.SQLITE_TRIGGERS if connection.vendor == "sqlite" else [
        name for _table, name in audit_guard.POSTGRES_TRIGGERS
    ]  # fmt: skip
    assert names == sorted(expected)


def test_every_guard_is_in_force_after_migrating(db):
    assert audit_guard.missing(connection) == []


@pytest.mark.django_db(transaction=True)
def test_flush_needs_the_owner_s_rights_and_starts_a_new_chain(make_project, officer):
    """Django's own flush is refused; `imar flush` lifts the triggers only for its flush."""
    record_event(action="update", instance=make_project(), actor=officer)
    with pytest.raises(CommandError, match="couldn't be flushed"):
        DjangoFlush().handle(
            database="default", verbosity=0, interactive=False, reset_sequences=False
        )
    assert AuditEvent.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert AuditChainHead.objects.get().length == 0
    assert audit_guard.missing(connection) == []
    assert verify_chain() == []
    with pytest.raises(IntegrityError):
        AuditChainHead.objects.create(pk=2)
