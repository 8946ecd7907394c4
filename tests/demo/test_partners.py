"""The demo step builds the stories the issue asks for."""

import random

from django.utils import timezone

from imar.demo import organizations as demo_organizations
from imar.demo import partners as demo
from imar.partners import selectors
from imar.partners.models import Agreement, Engagement


def test_demo_tells_the_us_meeting_and_the_greek_signing(make_project):
    demo_organizations.load(rng=random.Random(1), options={}, log=lambda *_: None)
    for _ in range(5):
        make_project()
    demo.load(rng=random.Random(1), options={}, log=lambda *_: None)

    meeting = Engagement.objects.get(title_en__startswith="Meeting with the US Special Envoy")
    assert "Libyan–American Forum" in meeting.topics_en and "Benghazi" in meeting.topics_en
    assert meeting.people.filter(title_en="Chargé d'Affaires", title="القائمة بالأعمال").exists()
    assert selectors.actions_list(meeting.actions.all()).filter(is_overdue=True).exists()

    visit = Engagement.objects.get(kind="delegation", organizations__acronym="GOV-GR")
    greek = Agreement.objects.filter(engagement=visit)
    assert greek.count() == 21
    assert greek.values("signed_on").distinct().count() == 1
    assert all(
        a.parties.filter(organization__country="GR").exists() for a in greek.prefetch_related()
    )
    countries = set(
        Agreement.objects.values_list("parties__organization__country", flat=True).distinct()
    )
    assert {"GR", "US", "EG", "TR", "IT", "BE"} <= countries
    assert Agreement.objects.filter(projects__isnull=False).exists()
    assert selectors.expiring_agreements(on=timezone.localdate()).exists()
    assert (
        selectors.with_effective_status(Agreement.objects.all())
        .filter(effective_status="expired")
        .exists()
    )
