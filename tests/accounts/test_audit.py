"""The audit trail: a chain of events sealed with HMAC-SHA256 under the audit key."""

import hashlib
import hmac
import json

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.urls import reverse

from imar.accounts.audit import keyring, record_event, verify_chain
from imar.accounts.models import AuditChainHead, AuditEvent, Seal

from .audit_support import as_superuser, problems


@pytest.fixture
def history(make_project, officer):
    project = make_project()
    for n in range(3):
        record_event(action="update", instance=project, actor=officer, changes={"step": [n, n + 1]})
    return project


def _independent_seal(secret: str, event: AuditEvent) -> str:
    """The seal recomputed from the documented construction, without the app's code."""
    key = hmac.new(secret.encode(), b"imar-audit/event", hashlib.sha256).digest()
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
        "seal": "hmac-sha256",
        "key_id": event.key_id,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, (event.previous_hash + canonical).encode(), hashlib.sha256).hexdigest()


def test_events_chain_and_are_sealed_with_the_audit_key(history, settings):
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert events[0].previous_hash == ""
    assert all(b.previous_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert {e.seal for e in events} == {Seal.KEYED}
    assert {e.key_id for e in events} == {keyring().current.id}
    for event in events:
        assert event.hash == _independent_seal(settings.IMAR_AUDIT_KEY, event)
    head = AuditChainHead.objects.get()
    assert (head.length, head.last_hash) == (events[-1].sequence, events[-1].hash)
    assert verify_chain() == []


def test_the_seal_depends_on_the_key(history, settings):
    """Another key (another server, or a guess) verifies nothing: the seal is keyed."""
    settings.IMAR_AUDIT_KEY = "someone-else-s-key-0123456789abcdef"
    found = problems()
    events = AuditEvent.objects.count()
    assert sum("a key this server does not hold" in p for p in found) == events
    assert "the chain head was edited outside the application (bad signature)" in found


def test_a_rotated_key_listed_as_old_still_verifies_what_it_sealed(history, settings, officer):
    old = settings.IMAR_AUDIT_KEY
    settings.IMAR_AUDIT_KEY = "the-new-audit-key-0123456789abcdef"
    settings.IMAR_AUDIT_OLD_KEYS = [old]
    assert verify_chain() == []
    newer = record_event(action="update", instance=history, actor=officer)
    assert newer.key_id == keyring().current.id != AuditEvent.objects.get(sequence=1).key_id
    assert verify_chain() == []
    settings.IMAR_AUDIT_OLD_KEYS = []
    assert any("IMAR_AUDIT_OLD_KEYS" in p for p in problems())


def test_verify_command_says_intact_and_exits_1_when_broken(history, capsys):
    call_command("audit", "verify")
    count = AuditEvent.objects.count()
    assert f"intact: {count} events" in capsys.readouterr().out
    with as_superuser():
        AuditEvent.objects.filter(sequence=2).update(reason="nothing happened")
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")
    assert "event 2: its content does not match its seal" in capsys.readouterr().err
    # From the command line, the same break gives exit status 1.
    with pytest.raises(SystemExit) as exit_status:
        ManagementUtility(["imar", "audit", "verify", "--no-drift"]).execute()
    assert exit_status.value.code == 1


def test_audit_page_is_for_auditors_only(client, auditor, officer, history):
    url = reverse("accounts:audit_trail")
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(auditor)
    client.cookies["imar_language"] = "en"
    response = client.get(url, {"verify": "1"})
    assert response.status_code == 200
    count = AuditEvent.objects.count()
    assert f"The audit trail is intact: {count} events" in response.content.decode()


def test_audit_page_reports_a_rewrite_in_arabic(client, auditor, history):
    with as_superuser():
        AuditEvent.objects.filter(sequence=2).update(reason="nothing happened")
    client.force_login(auditor)
    client.cookies["imar_language"] = "ar"
    page = client.get(reverse("accounts:audit_trail"), {"verify": "1"}).content.decode()
    assert "تم العبث بسجل التدقيق" in page
    assert "لا يطابق محتواه ختمه" in page
