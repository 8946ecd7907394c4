import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from imar.accounts.models import Role
from imar.forum.enums import ParticipantStatus
from imar.forum.models import Participant
from imar.forum.services.registration import participant_approve, register
from imar.organizations.models import Organization
from tests.urls_in import reverse_en


def _post(event, **overrides):
    data = {
        "name_ar": "شركة المياه الأمريكية",
        "name_en": "American Water Works",
        "country": "US",
        "kind": "foreign_company",
        "sectors": ["water_sanitation"],
        "offers": "Desalination plants and water networks",
        "seeks": "Libyan municipal partners",
        "delegates-TOTAL_FORMS": "3",
        "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "1",
        "delegates-MAX_NUM_FORMS": "5",
        "delegates-0-name": "Jane Doe",
        "delegates-0-email": "jane@awwc.test",
        "delegates-0-phone": "+1 555 0100",
        "delegates-1-name": "John Roe",
        "delegates-1-email": "john@awwc.test",
    }
    data.update(overrides)
    return data


def test_public_registration_creates_pending_delegates_and_the_organization(client, event):
    response = client.post(reverse("forum:register", args=[event.slug]), _post(event))
    assert response.status_code == 200
    assert (
        "Registration received" in response.content.decode()
        or "استلمنا" in response.content.decode()
    )
    people = Participant.objects.filter(event=event).order_by("delegate_name")
    assert [p.delegate_name for p in people] == ["Jane Doe", "John Roe"]
    assert {p.status for p in people} == {ParticipantStatus.PENDING}
    org = Organization.objects.get(name_en="American Water Works")
    assert org.country == "US" and org.kind == "company"
    assert {p.organization_id for p in people} == {org.pk}
    assert len({p.checkin_code for p in people}) == 2


def test_registration_reuses_an_existing_organization(event):
    org = Organization.objects.create(
        name_ar="بلدية بنغازي",
        name_en="Benghazi Municipality",
        kind="government_body",
        country="LY",
    )
    people = register(
        event=event, name_ar="", name_en="benghazi municipality", country="LY",
        kind="libyan_institution", sectors=["housing"], offers="", seeks="contractors",
        delegates=[{"name": "Ali", "email": "ali@bgh.ly"}],
    )  # fmt: skip
    assert people[0].organization == org


def test_registration_without_a_name_or_delegate_email_is_refused_in_english(client, event):
    data = _post(event, name_ar="", name_en="", **{"delegates-0-email": "not-an-email"})
    response = client.post(reverse("forum:register", args=[event.slug]), data)
    html = response.content.decode()
    assert "Give the organization&#x27;s name in Arabic or English." in html
    assert "Enter a valid email address." in html
    assert not Participant.objects.exists()


def test_duplicate_delegate_email_is_named(event, make_participant):
    existing = make_participant()
    with pytest.raises(ValidationError) as error:
        register(
            event=event, name_ar="", name_en="X Corp", country="US", kind="foreign_company",
            sectors=[], offers="", seeks="", delegates=[{"name": "A", "email": existing.email}],
        )  # fmt: skip
    assert f"{existing.email} is already registered" in str(error.value.message_dict["delegates"])
    assert Participant.objects.count() == 1


def test_closed_registration_is_refused(client, event):
    event.registration_open = False
    event.save()
    response = client.post(reverse("forum:register", args=[event.slug]), _post(event))
    assert "Registration for this event is closed." in response.content.decode()
    assert not Participant.objects.exists()


def test_unknown_sector_is_refused(event):
    with pytest.raises(ValidationError) as error:
        register(
            event=event, name_ar="", name_en="X", country="US", kind="foreign_company",
            sectors=["space_travel"], offers="", seeks="", delegates=[{"name": "A", "email": "a@x.test"}],
        )  # fmt: skip
    assert "sectors" in error.value.message_dict


def test_approval_gives_a_partner_account_and_mails_a_one_time_login_link(
    client, event, officer, make_participant
):
    participant = make_participant(status=ParticipantStatus.PENDING)
    participant_approve(by=officer, participant=participant)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.APPROVED
    assert participant.user.profile.role == Role.PARTNER
    assert participant.user.profile.organization == participant.organization
    assert not participant.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [participant.email]
    link = re.search(r"/forum/login/\S+/", mail.outbox[0].body).group(0)
    # Opening the link shows a button (a mail scanner's GET spends nothing); pressing it logs in.
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == reverse_en("forum:my_space", args=[event.slug])
    # The link works once only.
    client.logout()
    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400


def test_registration_page_speaks_arabic_and_english(client, event):
    url = reverse("forum:register", args=[event.slug])
    english = client.get(url).content.decode()
    assert "Register your organization" in english
    client.cookies["imar_language"] = "ar"
    arabic = client.get(url).content.decode()
    assert 'dir="rtl"' in arabic
    assert re.search("سجّل مؤسستك|سجل مؤسستك", arabic)


def test_registration_error_is_translated_into_arabic(client, event):
    event.registration_open = False
    event.save()
    client.cookies["imar_language"] = "ar"
    response = client.post(reverse("forum:register", args=[event.slug]), _post(event))
    assert "التسجيل في هذه الفعالية مغلق." in response.content.decode()
    assert not Participant.objects.exists()
