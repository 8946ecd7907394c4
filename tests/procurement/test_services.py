from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from imar.accounts.models import AuditEvent
from imar.monitoring.models import Transaction
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.lifecycle import TransitionRefused, project_transition
from imar.portfolio.models import Project, ProjectOrganization
from imar.procurement import services
from imar.procurement.models import Process, Release


def test_a_method_other_than_open_needs_a_justification(make_project, organization, officer):
    with pytest.raises(ValidationError) as error:
        services.process_save(
            by=officer,
            project=make_project(),
            fields={
                "method": "direct", "estimated_value": Decimal(10), "currency": "LYD",
                "year": 2025, "title_ar": "أ", "title_en": "A", "procuring_entity": organization,
            },
        )  # fmt: skip
    assert "method_justification" in error.value.message_dict
    assert not Process.objects.exists()


def test_no_process_without_the_registered_ocid_prefix(
    make_project, organization, officer, settings
):
    settings.IMAR_OCID_PREFIX = ""
    with pytest.raises(ValidationError) as error:
        services.process_save(
            by=officer,
            project=make_project(),
            fields={
                "method": "open", "estimated_value": Decimal(10), "currency": "LYD",
                "year": 2025, "title_ar": "أ", "title_en": "A", "procuring_entity": organization,
            },
        )  # fmt: skip
    assert "IMAR_OCID_PREFIX" in " ".join(error.value.messages)
    assert (
        not Process.objects.exists()
        and not AuditEvent.objects.filter(object_type="procurement.process").exists()
    )


def test_tender_needs_a_deadline_after_its_opening(walk, officer):
    process = walk(stop="planning")
    process.tender_end = process.tender_start
    with pytest.raises(ValidationError) as error:
        services.process_save(
            by=officer, process=process, fields={"tender_end": process.tender_start}
        )
    assert "tender_end" in error.value.message_dict


def test_the_walk_to_a_contract_is_audited_and_gives_the_contractor_role(walk):
    process = walk()
    assert process.status == "contracted"
    contractor = process.contract.contractor
    assert ProjectOrganization.objects.filter(
        project=process.project, organization=contractor, role=OrganizationRole.CONTRACTOR
    ).exists()
    transitions = AuditEvent.objects.filter(
        object_type="procurement.process", object_id=str(process.pk), action="transition"
    )
    assert [e.changes["status"][1] for e in transitions.order_by("id")] == [
        "tender", "evaluation", "awarded", "contracted"
    ]  # fmt: skip


def test_a_disqualified_bid_cannot_win_and_a_reason_is_required(walk, officer, company):
    process = walk(stop="tender", bids=[(Decimal(5), "valid")])
    with pytest.raises(ValidationError) as error:
        services.bid_record(
            by=officer, process=process, bidder=company("X"), value=Decimal(4), currency="LYD",
            received_at=process.tender_start, status="disqualified",
        )  # fmt: skip
    assert "status_reason" in error.value.message_dict
    bid = services.bid_record(
        by=officer, process=process, bidder=company("Y"), value=Decimal(4), currency="LYD",
        received_at=process.tender_start, status="disqualified", status_reason="Late guarantee",
    )  # fmt: skip
    services.process_transition(process=process, to="evaluation", by=officer)
    with pytest.raises(ValidationError) as error:
        services.award_record(
            by=officer, process=process, bid=bid, award_date=date(2025, 3, 1),
            standstill_end=date(2025, 3, 10),
        )  # fmt: skip
    assert "bid" in error.value.message_dict
    process.refresh_from_db()
    assert process.status == "evaluation"


def test_transitions_that_skip_a_stage_are_refused(walk, officer):
    process = walk(stop="planning")
    with pytest.raises(ValidationError, match="cannot go from"):
        services.process_transition(process=process, to="contracted", by=officer)
    with pytest.raises(ValidationError, match="reason"):
        services.process_transition(process=process, to="cancelled", by=officer)


def test_amendment_changes_the_contract_and_keeps_the_old_value(walk, officer):
    process = walk()
    amendment = services.amendment_record(
        by=officer, contract=process.contract, amendment_date=date(2025, 9, 1),
        value_after=Decimal("1300000"), end_after=date(2026, 9, 30), reason="Extra storey",
    )  # fmt: skip
    process.contract.refresh_from_db()
    assert amendment.value_before == Decimal("900000")
    assert process.contract.value == Decimal("1300000")
    assert process.contract.end_date == date(2026, 9, 30)


def test_payment_links_a_disbursement_of_the_same_project_only(walk, officer, make_project):
    process = walk()
    other = make_project()
    row = Transaction.objects.create(
        project=other, kind="disbursement", date=date(2025, 5, 1), amount=Decimal(100),
        currency="LYD", amount_lyd=Decimal(100),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.payment_link(by=officer, contract=process.contract, transaction_row=row)
    own = Transaction.objects.create(
        project=process.project, kind="disbursement", date=date(2025, 5, 1), amount=Decimal(100),
        currency="LYD", amount_lyd=Decimal(100),
    )  # fmt: skip
    payment = services.payment_link(by=officer, contract=process.contract, transaction_row=own)
    assert payment.transaction == own
    assert Transaction.objects.count() == 2  # no second copy of the money


def _to_procurement(project, officer, organization):
    ProjectOrganization.objects.create(
        project=project, organization=organization, role=OrganizationRole.IMPLEMENTER
    )
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.PROCUREMENT)
    project.refresh_from_db()


def test_a_project_needs_a_signed_contract_to_leave_procurement(
    walk, make_project, officer, organization
):
    project = make_project()
    _to_procurement(project, officer, organization)
    process = walk(project=project, stop="award")
    with pytest.raises(TransitionRefused, match="signed contract or a recorded procurement"):
        project_transition(project=project, to=ProjectStatus.IMPLEMENTATION, by=officer)
    services.contract_sign(
        by=officer, process=process, date_signed=date(2025, 3, 20),
        start_date=date(2025, 4, 1), end_date=date(2026, 1, 1),
    )  # fmt: skip
    project_transition(project=project, to=ProjectStatus.IMPLEMENTATION, by=officer)
    assert project.status == ProjectStatus.IMPLEMENTATION


def test_an_exemption_lets_a_project_go_on(make_project, officer, organization):
    project = make_project()
    _to_procurement(project, officer, organization)
    ProjectOrganization.objects.create(
        project=project, organization=organization, role=OrganizationRole.CONTRACTOR
    )
    with pytest.raises(TransitionRefused):
        project_transition(project=project, to=ProjectStatus.IMPLEMENTATION, by=officer)
    with pytest.raises(ValidationError):
        services.exemption_record(by=officer, project=project, reason=" ")
    services.exemption_record(by=officer, project=project, reason="Works by the municipality")
    project_transition(project=project, to=ProjectStatus.IMPLEMENTATION, by=officer)
    assert project.status == ProjectStatus.IMPLEMENTATION


def test_releases_are_immutable_revisions(walk, officer):
    process = walk()
    ids = set(Release.objects.filter(process=process).values_list("release_id", flat=True))
    assert {f"{process.ocid}-{e}" for e in ("planning", "tender", "award", "contract")} <= ids
    first = Release.objects.get(release_id=f"{process.ocid}-contract")
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()
    services.amendment_record(
        by=officer, contract=process.contract, amendment_date=date(2025, 9, 1),
        value_after=Decimal("950000"), end_after=date(2026, 3, 31), reason="Price review",
    )  # fmt: skip
    first.refresh_from_db()
    assert first.data["contracts"][0]["value"]["amount"] == 900000
    amended = Release.objects.get(release_id=f"{process.ocid}-amendment-1")
    assert amended.data["contracts"][0]["value"]["amount"] == 950000


def test_flag_review_needs_a_known_flag_and_a_reason(walk, officer):
    process = walk()
    with pytest.raises(ValidationError) as error:
        services.flag_review(by=officer, process=process, code="nonsense", reason="")
    assert set(error.value.message_dict) == {"code", "reason"}
    review = services.flag_review(by=officer, process=process, code="R018", reason="Checked")
    assert review.reviewed_by == officer
