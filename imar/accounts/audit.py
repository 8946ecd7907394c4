"""The audit trail: append events to a keyed hash chain and verify it.

Each event's seal (HMAC-SHA256 under IMAR_AUDIT_KEY) covers its content and the previous
event's hash, so changing, removing or reordering any stored event breaks every seal after
it, and nobody without the key can reseal the rest. The chain head is signed the same way,
so cutting off the newest events shows too. Database triggers refuse rewrites in the first
place (imar/accounts/audit_guard.py); checkpoints published outside the database
(imar/accounts/audit_checkpoint.py) cover someone who holds the key as well.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts import audit_guard, sealing
from imar.accounts.models import AuditChainHead, AuditEvent, Seal

HEAD_ID = 1
_acting = ContextVar("imar_audit_actor", default=None)


def keyring() -> sealing.Keyring:
    return sealing.Keyring(settings.IMAR_AUDIT_KEY, settings.IMAR_AUDIT_OLD_KEYS)


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def payload(event) -> dict:
    """What an event's seal covers (any object with an event's attributes)."""
    content = {
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
    if event.seal != Seal.LEGACY:  # legacy events were hashed before these two existed
        content["seal"] = event.seal
        content["key_id"] = event.key_id
    return content


def diff_fields(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if _plain(before.get(name)) != _plain(value)
    }


def object_type(instance: models.Model) -> str:
    """The type new events name a model by: its label. A model that moved to another app lists
    its old labels in `audit_former_types`, which readers match too (see object_types)."""
    return instance._meta.label_lower


def stored_value(instance: models.Model, name: str):
    """The value as the database keeps it: foreign keys as ids, decimals at their scale."""
    field = instance._meta.get_field(name)
    value = getattr(instance, field.attname)
    if isinstance(field, models.DecimalField) and value is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    return _plain(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {name: stored_value(instance, name) for name in fields}


def snapshot_codes(instance: models.Model, fields: list[str]) -> dict:
    """The audit snapshot, with django-countries' Country objects as their codes."""
    return {
        name: value.code if hasattr(value, "code") and hasattr(value, "flag") else value
        for name, value in snapshot(instance, fields).items()
    }


def apply_edit(instance: models.Model, fields: dict, allowed: list[str]) -> dict:
    """Set `fields` on `instance` (only names in `allowed`) and return the snapshot before,
    empty for a new record: what an audited edit's event compares against."""
    before = snapshot_codes(instance, allowed) if instance.pk else {}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"{type(instance).__name__} has no editable field {name!r}")
        setattr(instance, name, value)
    return before


@contextmanager
def acting_as(user):
    """Events recorded in this block without an explicit actor name `user` (admin, signals)."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def current_actor():
    return _acting.get()


def _sign_head(head, key: sealing.AuditKey) -> None:
    head.key_id = key.id
    head.signature = key.seal_head(
        length=head.length, last_hash=head.last_hash, unkeyed_length=head.unkeyed_length
    )


def new_head(head_model=AuditChainHead, using: str = "default"):
    """The head of an empty trail, signed (after migrating, or after `imar flush`)."""
    head = head_model(pk=HEAD_ID, length=0, last_hash="", unkeyed_length=0)
    _sign_head(head, keyring().current)
    head.save(force_insert=True, using=using)
    return head


def ensure_head(using: str = "default") -> None:
    if not AuditChainHead.objects.using(using).filter(pk=HEAD_ID).exists():
        new_head(using=using)


def append(*, event_model=AuditEvent, head_model=AuditChainHead, **fields):
    """Seal one event onto the chain and move the head; `fields` are the event's content.

    The models are parameters so that a migration can append with its historical models.
    """
    key = keyring().current
    with transaction.atomic():
        head = head_model.objects.select_for_update().filter(pk=HEAD_ID).first()
        if head is None:  # an empty trail; the database refuses a new head on a non-empty one
            head = new_head(head_model)
        event = event_model(
            sequence=head.length + 1,
            at=timezone.now(),
            previous_hash=head.last_hash,
            seal=Seal.KEYED,
            key_id=key.id,
            **fields,
        )
        event.hash = key.seal_event(event.previous_hash, payload(event))
        event.save(force_insert=True)
        head.last_hash, head.length = event.hash, event.sequence
        _sign_head(head, key)
        head.save(update_fields=["last_hash", "length", "key_id", "signature"])
    return event


def record_event(
    *,
    action: str,
    instance: models.Model,
    actor=None,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event; call inside the transaction that makes the change."""
    actor = actor if actor is not None else current_actor()
    known = actor is not None and actor.is_authenticated
    return append(
        actor=actor if known else None,
        actor_name=actor.get_username() if known else "",
        action=action,
        object_type=object_type(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes={k: [_plain(v) for v in pair] for k, pair in (changes or {}).items()},
        reason=reason,
    )


# Verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    """One break; sequence 0 when it concerns the trail as a whole."""

    sequence: int
    problem: str


def _seal_problem(event: AuditEvent, ring: sealing.Keyring, unkeyed_length: int) -> str | None:
    if event.seal == Seal.LEGACY:
        if event.sequence > unkeyed_length:
            return _("sealed without the key although keyed sealing had begun: a forgery")
        expected = sealing.legacy_hash(event.previous_hash, payload(event))
    elif event.seal == Seal.KEYED:
        key = ring.get(event.key_id)
        if key is None:
            return _(
                "sealed with a key this server does not hold (id %(id)s): list the old key "
                "in IMAR_AUDIT_OLD_KEYS"
            ) % {"id": event.key_id}
        expected = key.seal_event(event.previous_hash, payload(event))
    else:
        return _("sealed in an unknown way (“%(seal)s”)") % {"seal": event.seal}
    if not sealing.same(expected, event.hash):
        return _("its content does not match its seal: it was rewritten")
    return None


def _head_problems(head, length: int, last_hash: str, ring: sealing.Keyring) -> list[str]:
    if head is None:
        return [_("the chain head is missing: the trail was emptied or its head removed")]
    problems = []
    if head.length > length:
        problems.append(
            _(
                "the head counts %(head)s events but the trail ends at %(last)s: the latest "
                "events were removed"
            )  # fmt: skip
            % {"head": head.length, "last": length}
        )
    elif head.length < length:
        problems.append(
            _(
                "events after %(head)s are not covered by the head: they were added outside "
                "the application"
            )  # fmt: skip
            % {"head": head.length}
        )
    elif head.last_hash != last_hash:
        problems.append(_("the head does not point at the last event"))
    key = ring.get(head.key_id)
    expected = key and key.seal_head(
        length=head.length, last_hash=head.last_hash, unkeyed_length=head.unkeyed_length
    )
    if not expected or not sealing.same(expected, head.signature):
        problems.append(_("the chain head was edited outside the application (bad signature)"))
    return problems


def verify_chain(batch_size: int = 2000) -> list[ChainProblem]:
    """Recompute every seal from the first event, check the head and the database guard."""
    ring = keyring()
    head = AuditChainHead.objects.filter(pk=HEAD_ID).first()
    unkeyed_length = head.unkeyed_length if head else 0
    problems: list[ChainProblem] = []
    previous_hash = ""
    expected_sequence = 1
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            gap = {"first": expected_sequence, "last": event.sequence - 1}
            message = (
                _("event %(first)s is missing") % gap
                if gap["first"] == gap["last"]
                else _("events %(first)s to %(last)s are missing") % gap
            )
            problems.append(ChainProblem(expected_sequence, message))
        if event.previous_hash != previous_hash:
            problems.append(ChainProblem(event.sequence, _("does not follow the event before it")))
        problem = _seal_problem(event, ring, unkeyed_length)
        if problem:
            problems.append(ChainProblem(event.sequence, problem))
        previous_hash = event.hash
        expected_sequence = event.sequence + 1
    for problem in _head_problems(head, expected_sequence - 1, previous_hash, ring):
        problems.append(ChainProblem(0, problem))
    for name in audit_guard.missing(connection):
        problems.append(
            ChainProblem(
                0,
                _(
                    "the database no longer refuses rewrites: its trigger %(name)s is missing "
                    "or disabled"
                )  # fmt: skip
                % {"name": name},
            )
        )
    return problems


def object_types(model) -> list[str]:
    """The object types a model's events carry: its label, and the labels it had before it
    moved to another app (`audit_former_types`), since sealed events are never rewritten."""
    return [model._meta.label_lower, *getattr(model, "audit_former_types", ())]


def events_for(instance: models.Model, limit: int = 100):
    """The latest audit events of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type__in=object_types(instance), object_id=str(instance.pk)
    ).order_by("-sequence")[:limit]


def events_for_records(records, limit: int = 200):
    """The latest events of several records at once, newest first: `records` is a list of
    (model, ids) pairs, e.g. a project and its transactions, reports and milestones."""
    wanted = models.Q()
    for model, ids in records:
        ids = [str(pk) for pk in ids]
        if ids:
            wanted |= models.Q(object_type__in=object_types(model), object_id__in=ids)
    if not wanted:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(wanted).order_by("-sequence")[:limit]
