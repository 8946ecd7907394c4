"""The demo speaks both languages: people's names with their Latin spellings, and the texts
staff write (speakers, partners sought, scenario and scoring-model names and notes,
assessment notes, photo captions, risk owners and mitigations, job titles, contact roles)
stored in Arabic and English, so every page shows them in its own language."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from imar.core.models import is_arabic_script
from imar.forum.models import Participant, Session, Showcase
from imar.monitoring.models import ReportPhoto, Risk
from imar.needs.models import Assessment, Scenario, ScoringModel
from imar.organizations.models import Contact
from imar.partners.models import EngagementPerson

STEPS = ["imar.demo.accounts", "imar.demo.organizations", "imar.demo.portfolio",
         "imar.demo.partners", "imar.demo.monitoring", "imar.demo.needs",
         "imar.demo.forum"]  # fmt: skip


def arabic(text: str) -> bool:
    return bool(text) and is_arabic_script(text)


def latin(text: str) -> bool:
    return bool(text) and not is_arabic_script(text)


@pytest.fixture
def loaded(gazetteer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", projects=40, seed=5, only=STEPS, stdout=StringIO())


def test_staff_and_delegates_have_arabic_names_with_latin_spellings(loaded):
    for username in ("director", "officer", "finance", "engineer", "auditor"):
        user = get_user_model().objects.select_related("profile").get(username=username)
        assert arabic(user.get_full_name()) and latin(user.profile.name_latin), username
    libyans = Participant.objects.filter(country="LY")
    assert libyans.exists()
    for person in libyans:
        assert arabic(person.delegate_name) and latin(person.name_latin), person.pk
        assert arabic(person.job_title) and latin(person.job_title_en), person.pk
    foreign = Participant.objects.exclude(country="LY").first()
    assert latin(foreign.delegate_name) and foreign.name_ar == ""
    people = list(EngagementPerson.objects.all()) + list(Contact.objects.all())
    assert any(arabic(p.name) and latin(p.name_latin) for p in people)
    for contact in Contact.objects.all():
        assert arabic(contact.role) and latin(contact.role_en), contact.name


def test_texts_staff_write_are_stored_in_both_languages(loaded):
    pairs = [
        *((s.speakers, s.speakers_en) for s in Session.objects.all()),
        *((s.partner_needs, s.partner_needs_en) for s in Showcase.objects.all()),
        *((s.name, s.name_en) for s in Scenario.objects.all()),
        *((m.name, m.name_en) for m in ScoringModel.objects.all()),
        *((m.notes, m.notes_en) for m in ScoringModel.objects.all()),
        *((a.notes, a.notes_en) for a in Assessment.objects.all()),
        *((p.caption, p.caption_en) for p in ReportPhoto.objects.all()),
        *((r.mitigation, r.mitigation_en) for r in Risk.objects.all()),
        *((r.owner, r.owner_en) for r in Risk.objects.all()),
    ]
    assert len(pairs) > 30
    assert [pair for pair in pairs if not (arabic(pair[0]) and latin(pair[1]))] == []
