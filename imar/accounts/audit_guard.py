"""The database's own refusal to rewrite the audit trail (SQLite and PostgreSQL triggers).

- events: no UPDATE, no DELETE, no TRUNCATE; an INSERT only at the head of the chain (the
  next sequence, the head's hash as its previous hash, and a hash not already stored);
- the chain head: no DELETE, no TRUNCATE; an INSERT only of an empty head on an empty
  trail; an UPDATE only to extend the chain by exactly one stored event that follows it.

These hold against the application and anyone with only data rights on the database (a bug,
an injected query, a role granted INSERT/UPDATE/DELETE). Whoever owns the tables can drop the
triggers: against them the trail relies on the keyed seals and on published checkpoints
(`imar audit verify` also reports a missing or disabled trigger). The only code that lifts
the triggers is `imar flush`, which empties the whole database with the owner's rights.

Changing a definition here needs a migration that calls `install()` again. A migration that
alters either table must wrap its operations in `around_schema_change(...)`: SQLite rebuilds
an altered table, which drops its triggers and trips over the other table's.
"""

from contextlib import contextmanager

from django.db import migrations, transaction

EVENTS = "accounts_auditevent"
HEAD = "accounts_auditchainhead"
REFUSED = "the audit trail is append-only"

_EXTENDS_HEAD = f"""EXISTS (SELECT 1 FROM {HEAD} h
    WHERE h.length + 1 = NEW.sequence AND h.last_hash = NEW.previous_hash)
    AND NOT EXISTS (SELECT 1 FROM {EVENTS} e WHERE e.hash = NEW.hash)"""
_ONE_STEP = f"""NEW.id = OLD.id AND NEW.length = OLD.length + 1
    AND NEW.unkeyed_length = OLD.unkeyed_length
    AND EXISTS (SELECT 1 FROM {EVENTS} e WHERE e.sequence = NEW.length
        AND e.hash = NEW.last_hash AND e.previous_hash = OLD.last_hash)"""
_EMPTY_HEAD = f"""NEW.length = 0 AND NEW.last_hash = '' AND NEW.unkeyed_length = 0
    AND NOT EXISTS (SELECT 1 FROM {EVENTS})"""

# SQLite: one trigger per refusal; RAISE(ABORT) undoes the statement.
SQLITE_TRIGGERS = {
    "audit_event_no_update": f"BEFORE UPDATE ON {EVENTS}",
    "audit_event_no_delete": f"BEFORE DELETE ON {EVENTS}",
    "audit_event_append_at_head": f"BEFORE INSERT ON {EVENTS} WHEN NOT ({_EXTENDS_HEAD})",
    "audit_head_no_delete": f"BEFORE DELETE ON {HEAD}",
    "audit_head_extend_only": f"BEFORE UPDATE ON {HEAD} WHEN NOT ({_ONE_STEP})",
    "audit_head_starts_empty": f"BEFORE INSERT ON {HEAD} WHEN NOT ({_EMPTY_HEAD})",
}

POSTGRES_FUNCTIONS = {
    "audit_refuse": f"""BEGIN RAISE EXCEPTION '{REFUSED} (% refused)', TG_OP; END;""",
    "audit_event_guard": f"""BEGIN
        IF TG_OP = 'INSERT' AND {_EXTENDS_HEAD} THEN RETURN NEW; END IF;
        RAISE EXCEPTION '{REFUSED} (% refused)', TG_OP;
    END;""",
    "audit_head_guard": f"""BEGIN
        IF TG_OP = 'INSERT' AND {_EMPTY_HEAD} THEN RETURN NEW; END IF;
        IF TG_OP = 'UPDATE' AND {_ONE_STEP} THEN RETURN NEW; END IF;
        RAISE EXCEPTION '{REFUSED} (% refused)', TG_OP;
    END;""",
}
# (table, trigger name): its definition.
POSTGRES_TRIGGERS = {
    (EVENTS, "audit_event_guard"): "BEFORE INSERT OR UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_guard()",
    (EVENTS, "audit_event_no_truncate"): "BEFORE TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()",
    (HEAD, "audit_head_guard"): "BEFORE INSERT OR UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION audit_head_guard()",
    (HEAD, "audit_head_no_truncate"): "BEFORE TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()",
}


def _statements_install(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {name} {when} "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END;"
            for name, when in SQLITE_TRIGGERS.items()
        ]
    if vendor == "postgresql":
        functions = [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$;"
            for name, body in POSTGRES_FUNCTIONS.items()
        ]
        triggers = []
        for (table, name), definition in POSTGRES_TRIGGERS.items():
            triggers.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            triggers.append(f"CREATE TRIGGER {name} {definition.format(table=table)};")
        return functions + triggers
    return []


def _statements_remove(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in SQLITE_TRIGGERS]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {n} ON {t};" for t, n in POSTGRES_TRIGGERS] + [
            f"DROP FUNCTION IF EXISTS {name}();" for name in POSTGRES_FUNCTIONS
        ]
    return []


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements_install(connection.vendor):
            cursor.execute(sql)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements_remove(connection.vendor):
            cursor.execute(sql)


def missing(connection) -> list[str]:
    """The guard triggers that are absent or disabled (empty when all are in force)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {row[0] for row in cursor.fetchall()}
            return [name for name in SQLITE_TRIGGERS if name not in present]
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname IN (%s, %s)",
                [EVENTS, HEAD],
            )
            present = {(table, name) for table, name in cursor.fetchall()}
            return [name for table, name in POSTGRES_TRIGGERS if (table, name) not in present]
    return []


@contextmanager
def lifted(connection):
    """Drop the triggers for the block and reinstall them after, in one transaction.

    Only for emptying the whole database (`imar flush`); needs the rights of the tables'
    owner, which is exactly what dropping them by hand needs. DDL is transactional on SQLite
    and PostgreSQL: if the block fails, the rollback brings the triggers back.
    """
    with transaction.atomic(using=connection.alias):
        remove(connection)
        yield
        install(connection)


def _remove_operation(apps, schema_editor):
    remove(schema_editor.connection)


def _install_operation(apps, schema_editor):
    install(schema_editor.connection)


def around_schema_change(*operations) -> list:
    """Migration operations on the audit tables, with the guard lifted around them only."""
    return [
        migrations.RunPython(_remove_operation, _install_operation),
        *operations,
        migrations.RunPython(_install_operation, _remove_operation),
    ]
