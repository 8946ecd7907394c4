import pytest
from django.core.exceptions import ValidationError

from imar.forum.enums import InterestLevel, MeetingStatus
from imar.forum.models import Lead, Showcase
from imar.forum.selectors import dashboard
from imar.forum.services.attendance import lead_record
from imar.forum.services.leads import lead_to_agreement, lead_to_engagement
from imar.partners.enums import AgreementStatus
from tests.forum._helpers import meeting_between


@pytest.fixture
def held_meeting(event, make_participant, officer):
    a = make_participant("Jane", sectors=["water_sanitation", "housing"])
    b = make_participant("Salem", kind="libyan_institution", country="LY", sectors=["housing"])
    return meeting_between(officer, a, b, status=MeetingStatus.HELD)


def test_either_side_records_a_lead_once(held_meeting, officer):
    a = held_meeting.request.from_participant
    lead_record(by=officer, meeting=held_meeting, participant=a, interest=InterestLevel.HIGH)
    lead_record(
        by=officer, meeting=held_meeting, participant=a, interest=InterestLevel.LOW, notes="x"
    )
    assert Lead.objects.get().interest == InterestLevel.LOW


def test_outsider_cannot_record_a_lead_on_someone_elses_meeting(
    held_meeting, make_participant, officer
):
    with pytest.raises(ValidationError, match="two sides"):
        lead_record(
            by=officer, meeting=held_meeting, participant=make_participant(), interest="high"
        )


def test_no_lead_before_the_meeting_is_held(held_meeting, officer):
    held_meeting.status = MeetingStatus.SCHEDULED
    held_meeting.save()
    with pytest.raises(ValidationError, match="after a meeting was held"):
        lead_record(
            by=officer, meeting=held_meeting, participant=held_meeting.request.to_participant,
            interest="high",
        )  # fmt: skip


def test_lead_becomes_an_engagement_and_a_draft_agreement_on_the_project(
    event, held_meeting, make_project, officer
):
    project = make_project()
    showcase = Showcase.objects.create(event=event, project=project, funding_needs="USD 20 m")
    a, b = held_meeting.request.from_participant, held_meeting.request.to_participant
    lead = lead_record(
        by=officer, meeting=held_meeting, participant=b, interest="high", showcase=showcase
    )
    engagement = lead_to_engagement(by=officer, lead=lead)
    assert set(engagement.organizations.all()) == {a.organization, b.organization}
    assert engagement.starts_on == held_meeting.slot.starts_at.date()
    agreement = lead_to_agreement(by=officer, lead=lead)
    assert agreement.status == AgreementStatus.DRAFT and not agreement.is_public
    assert list(agreement.projects.all()) == [project]
    assert {p.organization for p in agreement.parties.all()} == {a.organization, b.organization}
    assert agreement.engagement == engagement
    lead.refresh_from_db()
    assert (lead.engagement, lead.agreement) == (engagement, agreement)
    with pytest.raises(ValidationError):
        lead_to_agreement(by=officer, lead=lead)


def test_dashboard_figures_match_raw_counts(event, held_meeting, make_participant, officer):
    from imar.forum.models import Meeting, MeetingRequest, Participant
    from imar.forum.services import meeting_requests

    c, d = make_participant(), make_participant()
    r = meeting_requests.request_send(by=officer, sender=c, receiver=d)
    meeting_requests.request_decline(by=officer, request=r)
    meeting_requests.request_send(
        by=officer, sender=d, receiver=held_meeting.request.from_participant
    )
    b = held_meeting.request.to_participant
    lead_record(by=officer, meeting=held_meeting, participant=b, interest="high")
    figures = dashboard(event)
    assert figures.registrations == Participant.objects.filter(event=event).count() == 4
    assert figures.requests == MeetingRequest.objects.filter(event=event).count() == 3
    assert (figures.accepted, figures.declined) == (1, 1)
    assert figures.acceptance_rate == 0.5
    assert figures.held == Meeting.objects.filter(status="held").count() == 1
    assert figures.leads == 1
    assert dict(figures.leads_by_country) == {"Libya": 1}
    assert dict(figures.leads_by_sector) == {"Housing": 1}


def test_delegate_records_interest_on_a_showcased_project_from_their_space(
    client, event, make_delegate, make_project, officer
):
    from django.urls import reverse

    me, other = make_delegate("Jane"), make_delegate("Salem")
    meeting = meeting_between(officer, me, other, status=MeetingStatus.HELD)
    showcase = Showcase.objects.create(event=event, project=make_project())
    client.force_login(me.user)
    url = reverse("forum:lead_record", args=[event.slug, meeting.pk])
    client.post(url, {"interest": "high", "notes": "Follow up", "showcase": showcase.pk})
    lead = Lead.objects.get()
    assert (lead.recorded_by, lead.showcase, lead.notes) == (me, showcase, "Follow up")
    # Someone else's meeting is out of reach.
    stranger = make_delegate("Stranger")
    client.force_login(stranger.user)
    assert client.post(url, {"interest": "low"}).status_code == 404
