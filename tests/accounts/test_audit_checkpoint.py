"""Checkpoints: a signed head published outside the database, checked later against the trail."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from imar.accounts.audit import record_event
from imar.accounts.models import AuditChainHead, AuditEvent

from .audit_support import EVENTS, HEAD, as_superuser, sql


@pytest.fixture
def trail(make_project, officer):
    project = make_project()
    for n in range(4):
        record_event(action="update", instance=project, actor=officer, changes={"step": [n, n]})
    return project


@pytest.fixture
def published(trail, tmp_path):
    path = tmp_path / "checkpoint.json"
    call_command("audit", "checkpoint", "--output", str(path))
    return path


def test_checkpoint_signs_the_head_and_is_recorded_in_the_trail(trail, capsys):
    before = AuditChainHead.objects.get()
    call_command("audit", "checkpoint")
    checkpoint = json.loads(capsys.readouterr().out)
    assert checkpoint["format"] == "imar-audit-checkpoint/1"
    assert (checkpoint["count"], checkpoint["last_hash"]) == (before.length, before.last_hash)
    assert checkpoint["at"] and len(checkpoint["signature"]) == 64
    taken = AuditEvent.objects.get(action="audit.checkpoint")
    assert taken.sequence == before.length + 1
    assert taken.changes["signature"] == [None, checkpoint["signature"]]


def test_verify_against_a_published_checkpoint_passes_while_nothing_changed(
    published, officer, trail, capsys
):
    record_event(action="update", instance=trail, actor=officer)  # the trail grows: fine
    call_command("audit", "verify", "--checkpoint", str(published), "--checkpoint", str(published))
    assert "2 checkpoint(s) hold" in capsys.readouterr().out


def test_verify_against_a_checkpoint_fails_when_events_before_it_are_gone(published, capsys):
    count = json.loads(published.read_text())["count"]
    with as_superuser():
        sql(f"DELETE FROM {EVENTS} WHERE sequence >= %s", [count])
        sql(f"UPDATE {HEAD} SET length = %s", [count - 1])
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", "--no-drift", "--checkpoint", str(published))
    errors = capsys.readouterr().err
    assert f"{published}: event {count}: the checkpoint of" in errors
    assert "events were removed" in errors


def test_an_edited_checkpoint_fails_its_signature(published, capsys):
    checkpoint = json.loads(published.read_text())
    checkpoint["count"] -= 1
    published.write_text(json.dumps(checkpoint))
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--no-drift", "--checkpoint", str(published))
    assert "has a bad signature" in capsys.readouterr().err


def test_a_checkpoint_from_another_key_is_named_as_such(published, settings, capsys):
    settings.IMAR_AUDIT_OLD_KEYS = [settings.IMAR_AUDIT_KEY]
    settings.IMAR_AUDIT_KEY = "a-later-key-0123456789abcdef0123456789"
    call_command("audit", "verify", "--no-drift", "--checkpoint", str(published))  # still holds
    settings.IMAR_AUDIT_OLD_KEYS = []
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--no-drift", "--checkpoint", str(published))
    assert "signed with a key this server does not hold" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not json", "not JSON"), (b'{"format": "x"}', "not an Imar audit checkpoint")],
)
def test_a_file_that_is_not_a_checkpoint_is_refused_by_name(trail, tmp_path, content, message):
    path = tmp_path / "other.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=f"{path}: {message}"):
        call_command("audit", "verify", "--checkpoint", str(path))


def test_no_checkpoint_of_a_broken_trail(trail, tmp_path):
    with as_superuser():
        AuditEvent.objects.filter(sequence=2).update(reason="rewritten")
    path = tmp_path / "checkpoint.json"
    with pytest.raises(CommandError, match="no checkpoint was written"):
        call_command("audit", "checkpoint", "--output", str(path))
    assert not path.exists()
    assert not AuditEvent.objects.filter(action="audit.checkpoint").exists()


def test_auditor_uploads_a_published_checkpoint_on_the_audit_page(client, auditor, published):
    client.force_login(auditor)
    client.cookies["imar_language"] = "en"
    url = reverse("accounts:audit_trail")
    page = client.get(url).content.decode()
    count = json.loads(published.read_text())["count"]
    assert f"Latest checkpoint: {count} events" in page
    upload = SimpleUploadedFile("checkpoint.json", published.read_bytes(), "application/json")
    page = client.post(url, {"checkpoint": upload}).content.decode()
    assert "The audit trail is intact" in page
    assert f"({count} events) was removed or rewritten since it was taken" in page
    with as_superuser():
        sql(f"DELETE FROM {EVENTS} WHERE sequence >= %s", [count])
        sql(f"UPDATE {HEAD} SET length = %s", [count - 1])
    upload = SimpleUploadedFile("checkpoint.json", published.read_bytes(), "application/json")
    page = client.post(url, {"checkpoint": upload}).content.decode()
    assert "The audit trail has been tampered with." in page
    assert "events were removed" in page


def test_the_audit_page_refuses_a_file_that_is_not_a_checkpoint_in_arabic(client, auditor, db):
    client.force_login(auditor)
    client.cookies["imar_language"] = "ar"
    upload = SimpleUploadedFile("x.json", b"x" * 10_000, "application/json")
    page = client.post(reverse("accounts:audit_trail"), {"checkpoint": upload})
    assert page.status_code == 200
    assert "هذا الملف ليس نقطة تحقق" in page.content.decode()


def test_checkpoint_names_its_instance_even_without_an_address(trail, settings, capsys):
    settings.IMAR_SITE_URL = ""
    settings.IMAR_FUND_IATI_ID = ""
    call_command("audit", "checkpoint")
    checkpoint = json.loads(capsys.readouterr().out)
    assert checkpoint["instance"].strip()
    settings.IMAR_FUND_IATI_ID = "XX-DEMO-IMAR"
    call_command("audit", "checkpoint")
    assert json.loads(capsys.readouterr().out)["instance"] == "XX-DEMO-IMAR"
