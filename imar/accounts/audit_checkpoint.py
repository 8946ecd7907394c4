"""Checkpoints: the chain's head, signed, for publication outside the database.

A checkpoint says "this trail held `count` events, the last one sealed `last_hash`, at
`at`". Published where the database's administrators cannot reach (a newspaper notice, a
partner's inbox, a public repository), it lets anyone holding it check later that nothing
up to that event was removed or rewritten, even by someone who also holds the audit key.
Taking one is itself recorded in the trail.
"""

import socket

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts import sealing
from imar.accounts.audit import HEAD_ID, ChainProblem, keyring, record_event, verify_chain
from imar.accounts.models import AuditChainHead, AuditEvent

MAX_BYTES = 4096  # a checkpoint is a few hundred bytes; anything larger is not one


class CheckpointRefused(Exception):
    """The trail is broken: a checkpoint would vouch for a rewrite."""

    def __init__(self, problems: list[ChainProblem]):
        super().__init__(problems)
        self.problems = problems


def instance_name() -> str:
    """Which platform the checkpoint speaks for: its public address, else the fund's IATI
    identifier, else this server's host name. Never empty: a reader holding checkpoints of
    several installations must tell them apart."""
    return (
        settings.IMAR_SITE_URL or settings.IMAR_FUND_IATI_ID or socket.getfqdn() or "imar"
    ).strip()


def take_checkpoint(*, by=None) -> dict:
    """Verify the trail, then sign its head; the checkpoint's taking becomes an event."""
    problems = verify_chain()
    if problems:
        raise CheckpointRefused(problems)
    head = AuditChainHead.objects.get(pk=HEAD_ID)
    checkpoint = sealing.make_checkpoint(
        keyring().current,
        instance=instance_name(),
        count=head.length,
        last_hash=head.last_hash,
        at=timezone.now().isoformat(timespec="seconds"),
    )
    record_event(
        action="audit.checkpoint",
        instance=head,
        actor=by,
        changes={
            "count": [None, checkpoint["count"]],
            "last_hash": [None, checkpoint["last_hash"]],
            "signature": [None, checkpoint["signature"]],
        },
    )
    return checkpoint


def read_checkpoint(raw: bytes) -> dict:
    if len(raw) > MAX_BYTES:
        raise sealing.CheckpointError("too large to be a checkpoint")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise sealing.CheckpointError("not UTF-8 text") from None
    return sealing.parse_checkpoint(text)


def verify_against(checkpoint: dict) -> list[ChainProblem]:
    """What the trail no longer holds of what the checkpoint vouched for (empty when intact).

    Run with `verify_chain()`: this checks the event at the checkpoint's count; the chain's
    own seals then vouch for every event before it.
    """
    count, at = checkpoint["count"], checkpoint["at"]
    signed = sealing.checkpoint_signature_ok(keyring(), checkpoint)
    if signed is None:
        return [
            ChainProblem(
                0,
                _("the checkpoint of %(at)s was signed with a key this server does not hold")
                % {"at": at},
            )
        ]
    if not signed:
        return [
            ChainProblem(
                0,
                _(
                    "the checkpoint of %(at)s has a bad signature: it was edited, or not made "
                    "by this fund"
                )  # fmt: skip
                % {"at": at},
            )
        ]
    if count == 0:
        return []
    event = AuditEvent.objects.filter(sequence=count).first()
    if event is None:
        return [
            ChainProblem(
                count,
                _(
                    "the checkpoint of %(at)s covers %(count)s events, but event %(count)s is "
                    "gone: events were removed"
                )  # fmt: skip
                % {"at": at, "count": count},
            )
        ]
    if not sealing.same(event.hash, checkpoint["last_hash"]):
        return [
            ChainProblem(
                count,
                _(
                    "event %(count)s is not the one the checkpoint of %(at)s recorded: the "
                    "trail up to it was rewritten"
                )  # fmt: skip
                % {"at": at, "count": count},
            )
        ]
    return []


def latest_recorded():
    """The last checkpoint taken, as the trail recorded it (or None)."""
    event = AuditEvent.objects.filter(action="audit.checkpoint").order_by("-sequence").first()
    if event is None:
        return None
    return {
        "at": event.at,
        "count": event.changes.get("count", [None, None])[1],
        "last_hash": event.changes.get("last_hash", [None, ""])[1],
    }
