"""Seals of the audit trail: pure functions, no database.

An event's hash covers its content and the hash of the event before it (a hash chain).
Events written since keyed sealing began are sealed with HMAC-SHA256 under a key kept
outside the database, so someone who can rewrite the database but lacks the key cannot
reseal what they changed. Events from before (plain SHA-256, "legacy") still verify.

Each purpose has its own key derived from the operator's secret (events, the chain head,
checkpoints), and each secret has a short public id stored beside what it sealed, so a
rotated key can still verify what it sealed.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass

LEGACY = "sha256"
KEYED = "hmac-sha256"
CHECKPOINT_FORMAT = "imar-audit-checkpoint/1"


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _derive(secret: str, purpose: str) -> bytes:
    return hmac.new(secret.encode(), f"imar-audit/{purpose}".encode(), hashlib.sha256).digest()


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class AuditKey:
    """One operator secret, with the keys derived from it for each purpose."""

    secret: str

    @property
    def id(self) -> str:
        # Public: says which secret sealed an event, reveals nothing an event's own seal does not.
        return _mac(_derive(self.secret, "key-id"), "")[:12]

    def seal_event(self, previous_hash: str, payload: dict) -> str:
        return _mac(_derive(self.secret, "event"), previous_hash + canonical(payload))

    def seal_head(self, *, length: int, last_hash: str, unkeyed_length: int) -> str:
        return _mac(_derive(self.secret, "head"), f"{length}|{last_hash}|{unkeyed_length}")

    def sign_checkpoint(self, fields: dict) -> str:
        return _mac(_derive(self.secret, "checkpoint"), canonical(fields))


def legacy_hash(previous_hash: str, payload: dict) -> str:
    """The unkeyed seal of events written before keyed sealing (anyone can recompute it)."""
    return hashlib.sha256((previous_hash + canonical(payload)).encode()).hexdigest()


class Keyring:
    """The current key, which seals, and older ones, which only verify."""

    def __init__(self, current: str, old: list[str] = ()):
        self.current = AuditKey(current)
        self._by_id = {key.id: key for key in [AuditKey(s) for s in old] + [self.current]}

    def get(self, key_id: str) -> AuditKey | None:
        return self._by_id.get(key_id)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


# Checkpoints -------------------------------------------------------------------------------

CHECKPOINT_FIELDS = ("format", "instance", "count", "last_hash", "at", "key_id")


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read; the message says what is wrong."""


def make_checkpoint(key: AuditKey, *, instance: str, count: int, last_hash: str, at: str) -> dict:
    fields = {
        "format": CHECKPOINT_FORMAT,
        "instance": instance,
        "count": count,
        "last_hash": last_hash,
        "at": at,
        "key_id": key.id,
    }
    return {**fields, "signature": key.sign_checkpoint(fields)}


def parse_checkpoint(text: str) -> dict:
    """The checkpoint's fields, or CheckpointError if it is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        raise CheckpointError("not JSON") from None
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(f"not an Imar audit checkpoint (format {CHECKPOINT_FORMAT})")
    missing = [name for name in (*CHECKPOINT_FIELDS, "signature") if name not in data]
    if missing:
        raise CheckpointError(f"missing {', '.join(missing)}")
    count = data["count"]
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise CheckpointError("count must be a whole number")
    for name in ("instance", "last_hash", "at", "key_id", "signature"):
        if not isinstance(data[name], str):
            raise CheckpointError(f"{name} must be text")
    return data


def checkpoint_signature_ok(keyring: Keyring, checkpoint: dict) -> bool | None:
    """True or False; None when the key that signed it is not known here."""
    key = keyring.get(checkpoint["key_id"])
    if key is None:
        return None
    fields = {name: checkpoint[name] for name in CHECKPOINT_FIELDS}
    return same(key.sign_checkpoint(fields), checkpoint["signature"])
