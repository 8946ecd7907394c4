"""Forum fixtures: a small event (one day, four 20-minute slots, three tables) and a factory
of participants, each from their own organization."""

import itertools
from datetime import date, time

import pytest

from imar.forum.enums import ParticipantKind, ParticipantStatus
from imar.forum.models import Event, Participant, Room
from imar.forum.services.events import slots_generate, tables_create
from imar.forum.services.registration import new_checkin_code, participant_approve
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization

_numbers = itertools.count(1)


@pytest.fixture
def event(db, officer):
    event = Event.objects.create(
        slug="lyam-2027",
        name_ar="منتدى ليبيا وأمريكا الثاني",
        name_en="Second Libyan–American Forum",
        city_ar="بنغازي",
        city_en="Benghazi",
        venue_en="Congress hall",
        venue_ar="قاعة المؤتمرات",
        starts_on=date(2027, 5, 11),
        ends_on=date(2027, 5, 12),
        registration_open=True,
    )
    room = Room.objects.create(event=event, name_ar="القاعة الكبرى", name_en="Main hall")
    slots_generate(
        by=officer, event=event, day=date(2027, 5, 11), start=time(10, 0), slot_minutes=20,
        count=4, breaks=[(2, 10)],
    )  # fmt: skip
    tables_create(by=officer, event=event, room=room, count=3)
    return event


@pytest.fixture
def make_participant(event):
    def make(
        name: str | None = None,
        *,
        kind: str = ParticipantKind.FOREIGN_COMPANY,
        country: str = "US",
        sectors=("water_sanitation",),
        offers: str = "",
        seeks: str = "",
        status: str = ParticipantStatus.APPROVED,
        organization: Organization | None = None,
        **fields,
    ) -> Participant:
        n = next(_numbers)
        name = name or f"Delegate {n}"
        organization = organization or Organization.objects.create(
            name_ar=f"شركة {n}",
            name_en=f"Company {n}",
            kind=OrganizationKind.COMPANY,
            country=country,
        )
        return Participant.objects.create(
            event=event,
            organization=organization,
            delegate_name=name,
            email=f"delegate{n}@example.test",
            country=country,
            kind=kind,
            sectors=list(sectors),
            offers=offers,
            seeks=seeks,
            status=status,
            checkin_code=new_checkin_code(),
            **fields,
        )

    return make


@pytest.fixture
def make_delegate(make_participant, officer):
    """An approved participant with their own login (through the approval service)."""

    def make(name: str | None = None, **kwargs) -> Participant:
        participant = make_participant(name, status=ParticipantStatus.PENDING, **kwargs)
        participant_approve(by=officer, participant=participant)
        participant.refresh_from_db()
        return participant

    return make


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Pages answer in English unless a test asks for Arabic (the site's default)."""
    client.cookies["imar_language"] = "en"
