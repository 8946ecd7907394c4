"""Delegate login links: one live per delegate, expiring, single use, re-sent only by the
organizers of the delegate's own event, and every sending audited."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from imar.accounts.models import AuditEvent
from imar.forum.enums import ParticipantStatus
from imar.forum.models import Event, LoginLink
from imar.forum.services.login_links import login_link_send

pytestmark = pytest.mark.django_db


def _links_to(email: str) -> list[str]:
    return [re.search(r"/forum/login/\S+/", m.body).group(0) for m in mail.outbox if email in m.to]


def _logs_in(client, link: str) -> bool:
    client.logout()
    client.post(link)
    return "_auth_user_id" in client.session


def _resend(client, event, participant, **options):
    """Press "send a new login link": the job mints and mails it (immediate, at commit)."""
    with (
        override_settings(IMAR_JOBS_IMMEDIATE=True),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return client.post(
            reverse("forum:participant_decide", args=[event.slug, participant.pk, "resend"]),
            **options,
        )


def test_a_link_expires_after_the_configured_hours(client, make_delegate, settings):
    settings.IMAR_LOGIN_LINK_HOURS = 72
    delegate = make_delegate()
    link = LoginLink.objects.get(participant=delegate)
    assert link.expires_at - link.created_at == timedelta(hours=72)
    # Time travel: the link was minted 73 hours ago.
    LoginLink.objects.filter(pk=link.pk).update(
        created_at=timezone.now() - timedelta(hours=73),
        expires_at=timezone.now() - timedelta(hours=1),
    )
    (url,) = _links_to(delegate.email)
    assert client.get(url).status_code == 400
    assert not _logs_in(client, url)


def test_a_link_works_once(client, make_delegate):
    delegate = make_delegate()
    (url,) = _links_to(delegate.email)
    assert _logs_in(client, url)
    assert not _logs_in(client, url)
    assert LoginLink.objects.get(participant=delegate).used_at is not None


def test_resending_revokes_the_previous_link_and_is_audited(client, event, officer, make_delegate):
    delegate = make_delegate()
    client.force_login(officer)
    response = _resend(client, event, delegate)
    assert response.status_code == 302
    old, new = _links_to(delegate.email)
    assert old != new
    assert not _logs_in(client, old)
    assert _logs_in(client, new)
    sent = AuditEvent.objects.filter(action="forum.login_link_send", object_id=str(delegate.pk))
    assert sent.count() == 2  # on approval and on re-sending
    assert sent.first().actor == officer


def test_the_resend_message_names_the_address_not_the_link(client, event, officer, make_delegate):
    delegate = make_delegate()
    client.force_login(officer)
    page = client.get(
        reverse("forum:organize_participants", args=[event.slug]) + "?status=approved"
    ).content.decode()
    assert "Send a new login link" in page
    response = _resend(client, event, delegate)
    page = client.get(response.url).content.decode()
    assert f"A new login link is being sent to \u2068{delegate.email}\u2069" in page
    assert "Sign-in link e-mail" in page and 'data-state="succeeded"' in page
    assert "/forum/login/" not in page


def test_an_organizer_cannot_resend_for_a_delegate_of_another_event(
    client, event, officer, make_delegate
):
    other = Event.objects.create(
        slug="other-2027", name_ar="منتدى آخر", name_en="Another forum", city_ar="طرابلس",
        city_en="Tripoli", starts_on=date(2027, 9, 1), ends_on=date(2027, 9, 2),
    )  # fmt: skip
    delegate = make_delegate()
    client.force_login(officer)
    assert _resend(client, other, delegate).status_code == 404
    assert len(_links_to(delegate.email)) == 1


def test_only_organizers_resend(client, event, engineer, auditor, make_delegate):
    delegate = make_delegate()
    for user in (engineer, auditor):
        client.force_login(user)
        assert _resend(client, event, delegate).status_code == 403
    client.logout()
    assert _resend(client, event, delegate).status_code == 302  # to the login page
    assert len(_links_to(delegate.email)) == 1


def test_an_unknown_decision_changes_nothing(client, event, officer, make_participant):
    pending = make_participant(status=ParticipantStatus.PENDING)
    client.force_login(officer)
    url = reverse("forum:participant_decide", args=[event.slug, pending.pk, "approuve"])
    assert client.post(url).status_code == 404
    pending.refresh_from_db()
    assert pending.status == ParticipantStatus.PENDING


def test_no_link_for_a_pending_delegate(client, event, officer, make_participant):
    pending = make_participant(status=ParticipantStatus.PENDING)
    client.force_login(officer)
    page = client.post(
        reverse("forum:participant_decide", args=[event.slug, pending.pk, "resend"]), follow=True
    ).content.decode()
    assert "Only approved delegates receive a login link." in page
    assert not mail.outbox


def test_rejecting_a_delegate_revokes_their_link(client, officer, make_delegate):
    from imar.forum.services.registration import participant_reject

    delegate = make_delegate()
    (url,) = _links_to(delegate.email)
    participant_reject(by=officer, participant=delegate)
    assert not _logs_in(client, url)


def test_the_database_keeps_one_live_link_per_delegate(officer, make_delegate):
    delegate = make_delegate()
    live = LoginLink.objects.get(participant=delegate)
    with pytest.raises(IntegrityError), transaction.atomic():
        LoginLink.objects.create(
            participant=delegate,
            key_hash="x" * 64,
            created_at=live.created_at,
            expires_at=live.expires_at,
        )
    login_link_send(by=officer, participant=delegate)
    assert LoginLink.objects.filter(participant=delegate, revoked_at__isnull=True).count() == 1


def test_only_a_hash_of_the_link_is_stored(make_delegate):
    delegate = make_delegate()
    (url,) = _links_to(delegate.email)
    key = url.rstrip("/").rsplit("/", 1)[1]
    assert not LoginLink.objects.filter(key_hash=key).exists()
    assert LoginLink.objects.get(participant=delegate).key_hash != key


@pytest.mark.parametrize("power", ["is_superuser", "fund_officer", "inactive"])
def test_a_link_never_logs_in_an_account_with_staff_power(client, make_delegate, power):
    delegate = make_delegate()
    user = delegate.user
    if power == "is_superuser":
        user.is_superuser = True
    elif power == "inactive":
        user.is_active = False
    else:
        user.profile.role = power
        user.profile.save()
    user.save()
    (url,) = _links_to(delegate.email)
    assert not _logs_in(client, url)
