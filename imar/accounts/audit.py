"""The audit trail: append events to a hash chain and verify it.

Each event's hash covers its content and the previous event's hash, so changing,
removing or reordering any stored event breaks every hash after it.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from imar.accounts.models import AuditChainHead, AuditEvent


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def _event_hash(previous_hash: str, payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()


def _payload(event: AuditEvent) -> dict:
    return {
        "sequence": event.sequence,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "reason": event.reason,
    }


def diff_fields(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if _plain(before.get(name)) != _plain(value)
    }


def _stored_value(instance: models.Model, name: str):
    """The value as the database keeps it: foreign keys as ids, decimals at their scale."""
    field = instance._meta.get_field(name)
    value = getattr(instance, field.attname)
    if isinstance(field, models.DecimalField) and value is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    return _plain(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: _stored_value(instance, name) for name in fields}


def record_event(
    *,
    action: str,
    instance: models.Model,
    actor=None,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event; call inside the transaction that makes the change."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.length + 1,
            at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_name=actor.get_username() if actor is not None and actor.is_authenticated else "",
            action=action,
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            changes={k: [_plain(v) for v in pair] for k, pair in (changes or {}).items()},
            reason=reason,
            previous_hash=head.last_hash,
        )
        event.hash = _event_hash(head.last_hash, _payload(event))
        event.save()
        head.last_hash = event.hash
        head.length = event.sequence
        head.save(update_fields=["last_hash", "length"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    problem: str


def verify_chain(batch_size: int = 2000) -> list[ChainProblem]:
    """Recompute the chain from the first event; list every break found."""
    problems: list[ChainProblem] = []
    previous_hash = ""
    expected_sequence = 1
    events = AuditEvent.objects.order_by("sequence")
    for event in events.iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            problems.append(
                ChainProblem(expected_sequence, f"event {expected_sequence} is missing")
            )
            expected_sequence = event.sequence
        if event.previous_hash != previous_hash:
            problems.append(ChainProblem(event.sequence, "does not follow the previous event"))
        if _event_hash(event.previous_hash, _payload(event)) != event.hash:
            problems.append(ChainProblem(event.sequence, "content does not match its hash"))
        previous_hash = event.hash
        expected_sequence += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.length != expected_sequence - 1:
        problems.append(ChainProblem(head.length, "the latest events were removed"))
    return problems


def events_for(instance: models.Model, limit: int = 100):
    """The latest audit events of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("-sequence")[:limit]
