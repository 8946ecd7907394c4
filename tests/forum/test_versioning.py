"""Two organizers edit the same event or session, or a delegate edits their profile in two
tabs: the second save is refused with the first one's change shown, and keeps both."""

import pytest
from django.test import Client
from django.urls import reverse

from imar.accounts.models import Profile, Role
from imar.forum.models import Event, Participant, Session
from imar.forum.services import programme
from tests.browser_forms import refused_then_merged, stale_save


@pytest.fixture
def colleague(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("colleague", "c@imar.test", "pass-Imar-2026")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER)
    return user


def _logged_in(user, browser=None):
    browser = browser or Client()
    browser.force_login(user)
    browser.cookies["imar_language"] = "en"
    return browser


def test_second_event_save_is_refused_then_both_changes_are_kept(officer, colleague, event):
    url = reverse("forum:organize_event", args=[event.slug])
    theirs, mine = {"venue_en": "Tibesti hotel"}, {"description_en": "Investment in the east."}
    response = stale_save(
        url, _logged_in(officer), second := _logged_in(colleague), theirs=theirs, mine=mine
    )
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="Venue (English)")
    assert second.post(url, again).status_code == 302
    stored = Event.objects.get(pk=event.pk)
    assert (stored.venue_en, stored.description_en) == (
        "Tibesti hotel",
        "Investment in the east.",
    )


def test_second_session_save_is_refused(officer, colleague, event):
    from datetime import datetime

    from django.utils import timezone

    session = programme.session_create(
        by=officer,
        event=event,
        title_ar="ندوة",
        title_en="Panel",
        starts_at=timezone.make_aware(datetime(2027, 5, 11, 9)),
        ends_at=timezone.make_aware(datetime(2027, 5, 11, 10)),
    )
    url = reverse("forum:session_edit", args=[event.slug, session.pk])
    theirs, mine = {"title_en": "Water panel"}, {"speakers": "Minister of Water"}
    response = stale_save(
        url, _logged_in(officer), second := _logged_in(colleague), theirs=theirs, mine=mine
    )
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="Title (English)")
    assert second.post(url, again).status_code == 302
    stored = Session.objects.get(pk=session.pk)
    assert (stored.title_en, stored.speakers) == ("Water panel", "Minister of Water")


def test_a_profile_saved_in_another_tab_is_not_overwritten(make_delegate, event):
    me = make_delegate()
    url = reverse("forum:profile", args=[event.slug])
    theirs, mine = {"offers": "Pumps and pipes"}, {"seeks": "Contractors"}
    response = stale_save(
        url, _logged_in(me.user), second := _logged_in(me.user), theirs=theirs, mine=mine
    )
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="What you offer")
    assert second.post(url, again).status_code == 302
    stored = Participant.objects.get(pk=me.pk)
    assert (stored.offers, stored.seeks) == ("Pumps and pipes", "Contractors")
