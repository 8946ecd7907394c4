"""Account takeover through the forum (issue 10): a public registration carrying the e-mail of
an existing account must never reach that account, and a login link never shows on screen.

These tests drive the public registration form, the organizer's approval button and the link
in the mail, as an attacker and an organizer would.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from imar.accounts.models import Profile, Role
from imar.forum.enums import ParticipantStatus
from imar.forum.models import Participant

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/forum/login/[^\s]+")


def _registration(email: str) -> dict:
    return {
        "name_en": "Totally Real Company",
        "country": "US",
        "kind": "foreign_company",
        "delegates-TOTAL_FORMS": "1",
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "1",
        "delegates-MAX_NUM_FORMS": "5",
        "delegates-0-name": "Mallory",
        "delegates-0-email": email,
    }


def _register_and_approve(client, event, officer, email: str) -> Participant:
    client.post(reverse("forum:register", args=[event.slug]), _registration(email))
    participant = Participant.objects.get(event=event, email=email.lower())
    client.force_login(officer)
    client.post(reverse("forum:participant_decide", args=[event.slug, participant.pk, "approve"]))
    client.logout()
    participant.refresh_from_db()
    return participant


def _mailed_link(to: str) -> str:
    bodies = [m.body for m in mail.outbox if to in m.to]
    assert bodies, f"no mail to {to}"
    return LINK.findall(bodies[-1])[-1]


def _open(client, link: str):
    """A delegate opens the link and presses the button on the page it shows."""
    client.get(link)
    return client.post(link)


def _session_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def superuser_by_email(db):
    """A superuser whose user name is their e-mail, as many sites create them."""
    return get_user_model().objects.create_superuser(
        "boss@fund.test", "boss@fund.test", "pass-Imar-2026"
    )


def test_a_registration_with_a_superusers_email_gets_a_new_partner_account(
    client, event, officer, superuser_by_email
):
    participant = _register_and_approve(client, event, officer, "Boss@Fund.test")
    assert participant.status == ParticipantStatus.APPROVED
    assert participant.user_id != superuser_by_email.pk
    assert not participant.user.is_staff and not participant.user.is_superuser
    assert participant.user.profile.role == Role.PARTNER
    _open(client, _mailed_link("boss@fund.test"))
    assert _session_user_id(client) == str(participant.user_id)
    assert client.get("/admin/").status_code == 302  # not the superuser: back to the login


def test_a_registration_with_a_staff_officers_email_gets_a_new_partner_account(
    client, event, officer
):
    staff = get_user_model().objects.create_user("huda@fund.test", "huda@fund.test", "x-Imar-26")
    Profile.objects.create(user=staff, role=Role.FUND_OFFICER)
    participant = _register_and_approve(client, event, officer, "huda@fund.test")
    assert participant.user_id != staff.pk
    assert participant.user.profile.role == Role.PARTNER
    _open(client, _mailed_link("huda@fund.test"))
    assert _session_user_id(client) != str(staff.pk)


def test_a_registration_with_an_existing_partners_email_still_gets_its_own_account(
    client, event, officer, make_delegate
):
    earlier = make_delegate()
    other = _register_and_approve(client, event, officer, earlier.email.replace("@", "+x@"))
    assert other.user_id not in (None, earlier.user_id)
    # Same address at the same event is refused at registration; elsewhere, a new account.
    assert get_user_model().objects.filter(pk=earlier.user_id).exists()


def test_the_approval_message_says_the_link_was_sent_and_never_shows_it(client, event, officer):
    client.post(reverse("forum:register", args=[event.slug]), _registration("jane@awwc.test"))
    participant = Participant.objects.get(email="jane@awwc.test")
    client.force_login(officer)
    response = client.post(
        reverse("forum:participant_decide", args=[event.slug, participant.pk, "approve"]),
        follow=True,
    )
    page = response.content.decode()
    link = _mailed_link("jane@awwc.test")
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert path not in page
    assert "/forum/login/" not in page
    assert "a login link was sent to \u2068jane@awwc.test\u2069" in page


def test_a_link_cannot_log_in_a_staff_account_even_if_one_is_attached(client, event, officer):
    """Defence in depth: a delegate record that somehow points at a staff account."""
    client.post(reverse("forum:register", args=[event.slug]), _registration("eve@x.test"))
    participant = Participant.objects.get(email="eve@x.test")
    client.force_login(officer)
    client.post(reverse("forum:participant_decide", args=[event.slug, participant.pk, "approve"]))
    client.logout()
    participant.refresh_from_db()
    user = participant.user
    user.is_staff = True
    user.save()
    response = _open(client, _mailed_link("eve@x.test"))
    assert response.status_code == 400
    assert _session_user_id(client) is None
