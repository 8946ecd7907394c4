"""The audit trail: append-only in the database, and a hash chain that shows any rewrite."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from imar.accounts.audit import record_event, verify_chain
from imar.accounts.models import AuditEvent


@pytest.fixture
def three_events(make_project, officer):
    project = make_project()
    for n in range(3):
        record_event(
            action="update", instance=project, actor=officer, changes={"budget": [n, n + 1]}
        )
    return project


def test_events_chain_by_hash(three_events):
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].previous_hash == ""
    assert events[1].previous_hash == events[0].hash and events[2].previous_hash == events[1].hash
    assert verify_chain() == []


def test_database_refuses_to_rewrite_an_event(three_events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=2).update(reason="nothing happened")
    with pytest.raises(DatabaseError), transaction.atomic():
        event = AuditEvent.objects.get(sequence=1)
        event.changes = {}
        event.save()


def _drop_update_trigger():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER accounts_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER accounts_auditevent_append_only ON accounts_auditevent")


def test_rewrite_around_the_trigger_is_detected(three_events):
    _drop_update_trigger()  # rolled back with the test's transaction
    AuditEvent.objects.filter(sequence=2).update(changes={"budget": [0, 999]})
    problems = verify_chain()
    assert [(p.sequence, p.problem) for p in problems] == [(2, "content does not match its hash")]


def test_deleted_event_is_detected(three_events):
    AuditEvent.objects.filter(sequence=2).delete()
    problems = {(p.sequence, p.problem) for p in verify_chain()}
    assert (2, "event 2 is missing") in problems


def test_removed_latest_event_is_detected(three_events):
    AuditEvent.objects.filter(sequence=3).delete()
    assert [p.problem for p in verify_chain()] == ["the latest events were removed"]


def test_verify_command(three_events, capsys):
    call_command("audit", "verify")
    assert "intact: 3 events" in capsys.readouterr().out
    AuditEvent.objects.filter(sequence=3).delete()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_audit_page_is_for_auditors_only(client, auditor, officer, three_events):
    url = reverse("accounts:audit_trail")
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(auditor)
    client.cookies["imar_language"] = "en"
    response = client.get(url, {"verify": "1"})
    assert response.status_code == 200
    assert "The audit trail is intact: 3 events" in response.content.decode()
