"""Someone who can rewrite the database (triggers dropped, as a superuser could) is caught.

Each test attacks the tables directly, then runs the verification an auditor would run.
"""

import hashlib
import json

import pytest
from django.db import connection

from imar.accounts import sealing
from imar.accounts.audit import keyring, payload, record_event, verify_chain
from imar.accounts.audit_checkpoint import take_checkpoint, verify_against
from imar.accounts.models import AuditChainHead, AuditEvent, Seal
from imar.portfolio.models import Project

from .audit_support import EVENTS, HEAD, as_superuser, head, problems, sql

BAD_HEAD = "the chain head was edited outside the application (bad signature)"


@pytest.fixture
def trail(make_project, officer):
    project = make_project()
    for n in range(6):
        record_event(action="update", instance=project, actor=officer, changes={"step": [n, n + 1]})
    return AuditEvent.objects.count()


def _canonical(content: dict) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _rewrite_from(sequence: int, reseal) -> None:
    """Change event `sequence`, then recompute it and every later hash with `reseal`."""
    with as_superuser():
        AuditEvent.objects.filter(sequence=sequence).update(changes={"budget": [0, 999999]})
        previous = AuditEvent.objects.get(sequence=sequence - 1).hash if sequence > 1 else ""
        for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
            event.previous_hash = previous
            fields = reseal(event)
            AuditEvent.objects.filter(pk=event.pk).update(previous_hash=previous, **fields)
            previous = fields["hash"]
        last = AuditEvent.objects.order_by("sequence").last()
        AuditChainHead.objects.update(last_hash=last.hash)


def _plain_sha256_keeping_the_label(event):
    content = {**payload(event)}
    return {
        "hash": hashlib.sha256((event.previous_hash + _canonical(content)).encode()).hexdigest()
    }


def _downgraded_to_legacy(event):
    event.seal, event.key_id = Seal.LEGACY, ""
    digest = sealing.legacy_hash(event.previous_hash, payload(event))
    return {"hash": digest, "seal": Seal.LEGACY, "key_id": ""}


def test_rewriting_one_event_is_detected(trail):
    with as_superuser():
        AuditEvent.objects.filter(sequence=3).update(changes={"budget": [0, 999999]})
    assert [(p.sequence, p.problem) for p in verify_chain()] == [
        (3, "its content does not match its seal: it was rewritten")
    ]


@pytest.mark.parametrize(
    "reseal",
    [_plain_sha256_keeping_the_label, _downgraded_to_legacy],
    ids=["sha256-recomputed", "downgraded-to-legacy-seal"],
)
def test_rewriting_and_recomputing_later_hashes_without_the_key_is_detected(trail, reseal):
    """The issue's second attack: unkeyed SHA-256 used to make this pass."""
    _rewrite_from(3, reseal)
    found = verify_chain()
    rewritten = {p.sequence for p in found if p.sequence}
    assert rewritten == set(range(3, trail + 1))  # every resealed event fails
    assert BAD_HEAD in [p.problem for p in found]
    if reseal is _downgraded_to_legacy:
        assert "sealed without the key although keyed sealing had begun: a forgery" in {
            p.problem for p in found
        }


def test_rewriting_with_the_key_passes_the_chain_but_not_a_published_checkpoint(trail):
    published = take_checkpoint()
    key = keyring().current

    def reseal_with_the_key(event):
        return {"hash": key.seal_event(event.previous_hash, payload(event))}

    _rewrite_from(3, reseal_with_the_key)
    head_row = AuditChainHead.objects.get()
    head_row.signature = key.seal_head(
        length=head_row.length, last_hash=head_row.last_hash, unkeyed_length=0
    )
    with as_superuser():
        AuditChainHead.objects.update(signature=head_row.signature)
    assert verify_chain() == []  # whoever holds the key can reseal: hence checkpoints
    assert [p.problem for p in verify_against(published)] == [
        f"event {published['count']} is not the one the checkpoint of {published['at']} "
        "recorded: the trail up to it was rewritten"
    ]


def test_deleting_the_newest_events_and_moving_the_head_back_is_detected(trail):
    """The issue's first attack."""
    published = take_checkpoint()
    keep = trail - 2
    kept_hash = AuditEvent.objects.get(sequence=keep).hash
    with as_superuser():
        sql(f"DELETE FROM {EVENTS} WHERE sequence > %s", [keep])
        sql(f"UPDATE {HEAD} SET length = %s, last_hash = %s", [keep, kept_hash])
    assert problems() == [BAD_HEAD]
    assert [p.problem for p in verify_against(published)] == [
        f"the checkpoint of {published['at']} covers {published['count']} events, but event "
        f"{published['count']} is gone: events were removed"
    ]


def test_an_old_head_replayed_fools_the_chain_but_not_a_later_checkpoint(trail, officer):
    """The limit checkpoints exist for: a head copied earlier (a backup) signs a shorter chain."""
    saved = head()
    for _ in range(2):
        record_event(action="update", instance=Project.objects.get(), actor=officer)
    published = take_checkpoint()
    with as_superuser():
        sql(f"DELETE FROM {EVENTS} WHERE sequence > %s", [saved["length"]])
        sql(
            f"UPDATE {HEAD} SET length = %s, last_hash = %s, signature = %s",
            [saved["length"], saved["last_hash"], saved["signature"]],
        )
    assert problems() == []
    assert "events were removed" in verify_against(published)[0].problem


def test_deleting_an_event_in_the_middle_is_detected(trail):
    with as_superuser():
        sql(f"DELETE FROM {EVENTS} WHERE sequence = 3")
    assert {(p.sequence, p.problem) for p in verify_chain()} >= {
        (3, "event 3 is missing"),
        (4, "does not follow the event before it"),
    }


def test_editing_only_the_head_is_detected(trail):
    with as_superuser():
        sql(f"UPDATE {HEAD} SET length = length + 5")
    found = problems()
    assert f"the head counts {trail + 5} events but the trail ends at {trail}" in found[0]
    assert BAD_HEAD in found


def test_emptying_the_events_is_detected(trail):
    with as_superuser():
        if connection.vendor == "postgresql":
            sql("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts are still pending
            sql(f"TRUNCATE {EVENTS}")
        else:
            sql(f"DELETE FROM {EVENTS}")
    assert problems() == [
        f"the head counts {trail} events but the trail ends at 0: the latest events were removed"
    ]


def test_emptying_events_and_head_is_detected_even_with_a_fresh_empty_head(trail):
    with as_superuser():
        if connection.vendor == "postgresql":
            sql("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts are still pending
            sql(f"TRUNCATE {EVENTS}, {HEAD}")
        else:
            sql(f"DELETE FROM {EVENTS}")
            sql(f"DELETE FROM {HEAD}")
    assert "the chain head is missing: the trail was emptied or its head removed" in problems()
    sql(f"INSERT INTO {HEAD} (id, length, last_hash, unkeyed_length, signature, key_id) "
        "VALUES (1, 0, '', 0, '', '')")  # fmt: skip
    assert BAD_HEAD in problems()


def test_an_event_forged_at_the_head_passes_the_triggers_but_not_the_seals(trail):
    """The triggers let anyone with INSERT rights append at the head; the seal stops them."""
    top = head()
    forged = hashlib.sha256(b"forged").hexdigest()
    sql(
        f"INSERT INTO {EVENTS} (sequence, at, actor_id, actor_name, action, object_type, "
        "object_id, object_repr, changes, reason, previous_hash, hash, seal, key_id) VALUES "
        "(%s, CURRENT_TIMESTAMP, NULL, 'x', 'update', 'portfolio.project', '1', '', '{}', "
        "'', %s, %s, %s, %s)",
        [top["length"] + 1, top["last_hash"], forged, Seal.KEYED, top["key_id"]],
    )
    sql(f"UPDATE {HEAD} SET length = length + 1, last_hash = %s", [forged])
    found = verify_chain()
    assert (trail + 1, "its content does not match its seal: it was rewritten") in {
        (p.sequence, p.problem) for p in found
    }
    assert BAD_HEAD in [p.problem for p in found]
