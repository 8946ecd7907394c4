"""The agreement and action rules, through the service, the form and the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from imar.partners import services
from imar.partners.enums import AgreementKind, PartyRole
from imar.partners.forms import ActionItemForm
from imar.partners.models import ActionItem, Agreement


def test_agreement_with_one_party_is_refused(make_agreement, fund, greek_ministry):
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, parties=[services.Party(fund, PartyRole.FIRST_PARTY)])
    assert "An agreement needs at least two parties." in error.value.message_dict["parties"]
    assert not Agreement.objects.exists()


def test_agreement_with_the_same_party_twice_is_refused(make_agreement, fund, greek_ministry):
    twice = [services.Party(fund, PartyRole.FIRST_PARTY), services.Party(fund, "witness")]
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, parties=twice)
    assert "The same organization is listed twice as a party." in error.value.messages


def test_agreement_ending_before_it_starts_is_refused(make_agreement, greek_ministry):
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, effective_from=date(2026, 5, 1), ends_on=date(2026, 4, 1))
    assert error.value.message_dict["ends_on"] == [
        "The end date cannot be before the start of the agreement."
    ]


def test_agreement_value_without_currency_is_refused(make_agreement, greek_ministry):
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, currency="")
    assert error.value.message_dict["currency"] == ["Give the currency of the agreement's value."]


def test_memorandum_without_value_is_accepted(make_agreement, greek_ministry):
    mou = make_agreement(greek_ministry, kind=AgreementKind.MOU, value=None, currency="")
    assert mou.pk and mou.value is None


def test_grant_without_value_is_refused(make_agreement, greek_ministry):
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, value=None, currency="")
    assert "value" in error.value.message_dict


def test_expired_cannot_be_stored(make_agreement, greek_ministry):
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, status="expired")
    assert "status" in error.value.message_dict


def test_database_refuses_value_without_currency_even_past_the_service(
    make_agreement, greek_ministry
):
    agreement = make_agreement(greek_ministry)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(currency="")


def test_duplicate_reference_is_refused_with_a_clear_message(make_agreement, greek_ministry):
    make_agreement(greek_ministry, reference="GR-2026-001")
    with pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, reference="GR-2026-001")
    assert error.value.message_dict["reference"] == [
        "An agreement with this reference number exists."
    ]


def test_agreement_error_is_translated_to_arabic(make_agreement, fund, greek_ministry):
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        make_agreement(greek_ministry, parties=[services.Party(fund, PartyRole.FIRST_PARTY)])
    assert error.value.message_dict["parties"] == ["تحتاج الاتفاقية إلى طرفين على الأقل."]


def test_action_without_owner_is_refused(visit, officer):
    with pytest.raises(ValidationError) as error:
        services.action_save(
            by=officer,
            engagement=visit,
            fields={"description_ar": "إعداد مذكرة", "due_on": date(2026, 4, 1)},
        )
    assert error.value.message_dict["owner_user"] == [
        "Give the action an owner: a staff member or an organization."
    ]
    assert not ActionItem.objects.exists()


def test_action_form_without_owner_shows_the_error_on_the_owner_field(visit):
    form = ActionItemForm(data={"description_ar": "إعداد مذكرة", "status": "open"})
    assert not form.is_valid()
    assert form.errors["owner_user"] == [
        "Give the action an owner: a staff member or an organization."
    ]


def test_database_refuses_action_without_owner(visit):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.create(engagement=visit, description_ar="x")


def test_action_done_is_stamped_and_reopening_clears_it(visit, officer, us_agency):
    action = services.action_save(
        by=officer,
        engagement=visit,
        fields={"description_ar": "متابعة", "owner_organization": us_agency},
    )
    action = services.action_set_status(by=officer, action=action, status="done")
    assert action.completed_on is not None
    action = services.action_set_status(by=officer, action=action, status="open")
    assert action.completed_on is None


def test_agreement_write_is_audited(make_agreement, greek_ministry):
    from imar.accounts.models import AuditEvent

    agreement = make_agreement(greek_ministry, value=Decimal("5.00"))
    event = AuditEvent.objects.get(action="agreement.create", object_id=str(agreement.pk))
    assert event.actor_name == "officer"
    assert event.changes["value"] == [None, "5.00"]
    assert "parties" in event.changes
