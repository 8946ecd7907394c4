"""A foreign delegate's login link and the registration link for foreign delegates open in
English (/en/…); a Libyan delegate's link opens at the Arabic (unprefixed) address."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def _link(email: str) -> str:
    (body,) = [m.body for m in mail.outbox if email in m.to]
    return re.search(r"(?:https?://\S+?)?(/\S*forum/login/\S+/)", body).group(1)


def test_foreign_delegates_get_an_english_link_libyans_an_arabic_one(client, make_delegate):
    foreign = make_delegate(country="US")
    libyan = make_delegate(country="LY")
    assert _link(foreign.email).startswith("/en/forum/login/")
    assert _link(libyan.email).startswith("/forum/login/")
    client.cookies.pop("imar_language")
    response = client.post(_link(foreign.email))
    assert response.status_code == 302 and response["Location"].startswith("/en/forum/")


def test_the_organizer_dashboard_gives_the_english_registration_link(client, event, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    html = client.get(f"/forum/{event.slug}/organize/").content.decode()
    assert f"http://testserver/en/forum/{event.slug}/register/" in html
    english = client.get(f"/en/forum/{event.slug}/register/")
    assert english.status_code == 200 and '<html lang="en"' in english.content.decode()
