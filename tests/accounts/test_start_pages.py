"""After signing in, each person lands on their role's start page, not on a 403."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from imar.accounts.models import Profile, Role, StartPage
from imar.accounts.start import start_url
from tests.urls_in import reverse_en

PASSWORD = "pass-Imar-2026"


def _sign_in(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("admin_user", "monitoring:dashboard"),
        ("officer", "needs:scenario_list"),
        ("finance", "monitoring:money"),
        ("engineer", "portfolio:project_list"),
        ("auditor", "accounts:audit_trail"),
    ],
)
def test_each_role_lands_on_its_start_page_and_can_open_it(client, request, fixture, expected):
    user = request.getfixturevalue(fixture)
    response = _sign_in(client, user.username)
    assert response.status_code == 302
    assert response.url == reverse_en("accounts:start")
    landing = client.get(response.url)
    assert landing.url == reverse_en(expected)
    assert client.get(landing.url).status_code == 200


def test_a_profile_may_choose_another_start_page(officer):
    Profile.objects.filter(user=officer).update(start_page=StartPage.DASHBOARD)
    officer.refresh_from_db()
    assert start_url(officer) == reverse("monitoring:dashboard")


def test_next_still_wins_over_the_start_page(client, officer):
    response = client.post(
        reverse("accounts:login") + "?next=/portfolio/attention/",
        {"username": "officer", "password": PASSWORD, "next": "/portfolio/attention/"},
    )
    assert response.url == "/portfolio/attention/"


def test_forum_delegate_lands_in_their_own_space(client, db):
    from imar.forum.enums import ParticipantStatus
    from imar.forum.models import Event, Participant
    from imar.organizations.models import Organization

    user = get_user_model().objects.create_user("delegate", "d@x.test", PASSWORD)
    Profile.objects.create(user=user, role=Role.PARTNER)
    event = Event.objects.create(
        slug="laf-2027",
        name_en="Libyan-American Forum",
        name_ar="المنتدى الليبي الأمريكي",
        starts_on=date(2027, 5, 10),
        ends_on=date(2027, 5, 11),
    )
    org = Organization.objects.create(name_en="Acme", name_ar="أكمي", kind="company", country="US")
    Participant.objects.create(
        event=event,
        organization=org,
        delegate_name="Jane Doe",
        email="d@x.test",
        country="US",
        user=user,
        status=ParticipantStatus.APPROVED,
    )
    _sign_in(client, "delegate")
    landing = client.get(reverse("accounts:start"))
    assert landing.url == reverse_en("forum:my_space", kwargs={"slug": "laf-2027"})
    assert client.get(landing.url).status_code == 200


def test_a_partner_with_no_forum_place_lands_on_the_public_portal(client, db):
    user = get_user_model().objects.create_user("guest", "g@x.test", PASSWORD)
    Profile.objects.create(user=user, role=Role.PARTNER)
    _sign_in(client, "guest")
    assert client.get(reverse("accounts:start")).url == reverse_en("portal:home")
