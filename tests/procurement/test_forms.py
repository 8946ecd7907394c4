"""The staff forms of procurement, walked end to end through the pages: every stage, its
field-level refusals, the stale-edit refusal, the audit trail, the plan page and the
public contracting timeline on the portal's project page."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from imar.accounts.models import AuditEvent
from imar.monitoring.models import Transaction
from imar.portfolio.enums import ProjectStatus
from imar.procurement.models import Amendment, Bid, Contract, Exemption, Payment, Process

pytestmark = pytest.mark.django_db
EN: dict = {}  # English by the language cookie (below); a browser header alone now redirects


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.cookies["imar_language"] = "en"


def _post(client, url, data):
    return client.post(url, data, **EN)


def said(page: str, message: str) -> bool:
    """The message is on the page, in English or in Arabic (the user's own language)."""
    with translation.override("ar"):
        arabic = translation.gettext(message)
    return message in page or html.escape(arabic) in page or arabic in page


def _errors(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _planning(organization, **extra):
    data = {
        "year": 2025, "estimated_value": "1000000", "currency": "LYD", "method": "limited",
        "method_justification": "", "title_ar": "مدرسة", "title_en": "School",
        "procuring_entity": organization.pk, "tender_start": "2025-01-01T09:00",
        "tender_end": "2025-01-31T12:00",
    }  # fmt: skip
    data.update(extra)
    return data


def test_every_stage_through_its_form_with_field_errors_and_audit(
    client, officer, make_project, organization, company
):
    project = make_project()
    client.force_login(officer)
    url = f"/procurement/new/{project.code}/"
    assert client.get(url, **EN).status_code == 200
    page = _errors(_post(client, url, _planning(organization)))
    assert 'id="id_method_justification-error"' in page
    assert said(page, "A method other than open needs a justification.")
    assert not Process.objects.exists()
    response = _post(client, url, _planning(organization, method_justification="Two makers"))
    process = Process.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/procurement/{process.pk}/"

    base = f"/procurement/{process.pk}"
    page = _errors(_post(client, f"{base}/status/", {"to": "evaluation", "row_version": 1}))
    assert 'name="to"' in page and process.status == "planning"
    assert _post(client, f"{base}/status/", {"to": "tender", "row_version": 1}).status_code == 302

    first, second = company("First"), company("Second")
    bid = {"bidder": first.pk, "value": "900000", "currency": "LYD"}
    bid |= {"received_at": "2025-01-10T10:00", "status": "disqualified", "status_reason": ""}
    page = _errors(_post(client, f"{base}/bids/new/", bid))
    assert 'id="id_status_reason-error"' in page
    assert _post(client, f"{base}/bids/new/", bid | {"status": "valid"}).status_code == 302
    bid |= {"bidder": second.pk, "value": "950000", "status": "valid"}
    assert _post(client, f"{base}/bids/new/", bid).status_code == 302
    process.refresh_from_db()
    assert (
        _post(
            client, f"{base}/status/", {"to": "evaluation", "row_version": process.row_version}
        ).status_code
        == 302
    )

    winner = Bid.objects.get(bidder=first)
    award = {"bid": winner.pk, "award_date": "2025-03-01", "standstill_end": "2025-02-20"}
    page = _errors(_post(client, f"{base}/award/", award))
    assert 'id="id_standstill_end-error"' in page
    award |= {"standstill_end": "2025-03-15", "evaluation_report_en": "Lowest valid bid"}
    assert _post(client, f"{base}/award/", award).status_code == 302
    complaint = {"complainant": second.pk, "received_on": "2025-03-05", "summary": ""}
    page = _errors(_post(client, f"{base}/complaints/new/", complaint | {"outcome": "pending"}))
    assert 'id="id_summary-error"' in page
    complaint |= {"summary": "Price too low", "outcome": "pending"}
    assert _post(client, f"{base}/complaints/new/", complaint).status_code == 302

    contract = {"date_signed": "2025-03-20", "start_date": "2025-04-01", "end_date": "2025-03-01"}
    page = _errors(_post(client, f"{base}/contract/", contract))
    assert 'id="id_end_date-error"' in page
    contract |= {"end_date": "2026-03-31"}
    assert _post(client, f"{base}/contract/", contract).status_code == 302
    signed = Contract.objects.get()
    assert signed.contractor == first and signed.value == Decimal("900000")

    milestone = {"title_en": "Foundations", "due_date": "2025-06-30"}
    assert _post(client, f"{base}/contract/milestones/new/", milestone).status_code == 302
    paid = Transaction.objects.create(
        project=project, kind="disbursement", date=date(2025, 5, 1), amount=Decimal("100000"),
        currency="LYD", amount_lyd=Decimal("100000"),
    )  # fmt: skip
    response = _post(client, f"{base}/contract/payments/new/", {"transaction_row": paid.pk})
    assert response.status_code == 302
    assert Payment.objects.get().transaction == paid  # a link, not a second amount

    amend = {"amendment_date": "2025-09-01", "value_after": "1200000", "end_after": "2026-06-30"}
    page = _errors(_post(client, f"{base}/contract/amend/", amend | {"row_version": 1}))
    assert 'id="id_reason-error"' in page
    assert (
        _post(
            client, f"{base}/contract/amend/", amend | {"reason": "Extra storey", "row_version": 1}
        ).status_code
        == 302
    )
    assert Amendment.objects.get().value_before == Decimal("900000")
    signed.refresh_from_db()
    assert signed.value == Decimal("1200000") and signed.row_version == 2

    # A form opened before the amendment is refused, with the other person's change shown.
    stale = {"terminated_on": "2025-10-01", "termination_reason": "Abandoned", "row_version": 1}
    page = _errors(_post(client, f"{base}/contract/terminate/", stale))
    assert 'id="version-conflict"' in page
    signed.refresh_from_db()
    assert signed.terminated_on is None
    fresh = stale | {"row_version": signed.row_version}
    assert _post(client, f"{base}/contract/terminate/", fresh).status_code == 302
    process.refresh_from_db()
    assert process.status == "terminated"

    actions = set(
        AuditEvent.objects.filter(actor=officer).values_list("object_type", "action").distinct()
    )
    assert {("procurement.process", "transition"), ("procurement.contract", "amend")} <= actions
    assert ("procurement.contract", "terminate") in actions
    page = client.get(f"{base}/", **EN).content.decode()
    assert "Extra storey" in page and "Price too low" in page and "Foundations" in page


def test_process_edit_refuses_a_stale_version_and_shows_the_other_change(
    client, officer, walk, organization
):
    process = walk(stop="tender")
    client.force_login(officer)
    url = f"/procurement/{process.pk}/edit/"
    assert client.get(url, **EN).status_code == 200
    from imar.procurement import services

    services.process_save(by=officer, process=process, fields={"budget_line": "THEIRS"})
    data = _planning(organization, method="open", row_version=process.row_version)
    data |= {"tender_end": "2025-02-15T12:00"}
    page = _errors(_post(client, url, data))
    assert 'id="version-conflict"' in page and "THEIRS" in page
    process.refresh_from_db()
    assert process.tender_end.day == 31


def test_readers_may_not_use_the_forms(client, auditor, walk):
    process = walk()
    client.force_login(auditor)
    for path in ("edit/", "bids/new/", "contract/amend/", "contract/terminate/", "status/"):
        assert client.get(f"/procurement/{process.pk}/{path}").status_code == 403


def test_plan_page_lists_a_programs_year_with_totals(client, officer, walk, make_project, program):
    ours = walk(project=make_project(program=program), stop="planning")
    walk(project=make_project(program=program), method="direct", justification="Flood")
    walk(stop="planning")  # no program
    client.force_login(officer)
    page = client.get(
        "/procurement/plan/", {"program": program.pk, "year": 2025}, **EN
    ).content.decode()
    assert ours.ocid in page
    assert page.count("/procurement/") >= 2
    assert "2,000,000" in page or "2000000" in page  # the total of both estimates


def test_public_project_page_shows_the_contracting_timeline(client, walk, officer, make_project):
    from imar.procurement import services

    project = make_project()
    process = walk(project=project, days=5)
    services.amendment_record(
        by=officer, contract=process.contract, amendment_date=date(2025, 9, 1),
        value_after=Decimal("1500000"), end_after=date(2026, 6, 30), reason="Extra storey",
    )  # fmt: skip
    planned = walk(project=project, stop="planning")
    client.cookies["imar_language"] = "en"
    page = client.get(f"/public/projects/{project.code}/").content.decode()
    assert process.ocid in page and planned.ocid not in page
    assert process.contract.contractor.name_en in page
    assert "Extra storey" in page and "1,500,000" in page
    assert said(page, "Short submission period")


def test_an_officer_records_an_exemption_and_the_project_may_go_past_procurement(
    client, officer, engineer, make_project
):
    project = make_project(status=ProjectStatus.PROCUREMENT)
    url = reverse("procurement:exemption", args=[project.code])
    client.force_login(engineer)  # the engineer edits projects but decides no exemption
    assert client.get(url).status_code == 403
    client.force_login(officer)
    page = client.post(url, {"reason": "  "}).content.decode()
    assert "This field is required." in page and not Exemption.objects.exists()
    response = client.post(url, {"reason": "Board decision 12/2025: emergency works"})
    assert response.status_code == 302
    exemption = Exemption.objects.get(project=project)
    assert exemption.granted_by == officer and exemption.reason.startswith("Board decision")
    event = AuditEvent.objects.get(action="exempt", object_id=str(project.pk))
    assert event.actor == officer and event.reason == exemption.reason
    detail = client.get(project.get_absolute_url()).content.decode()
    assert "Board decision 12/2025" in detail and "Change the exemption" in detail
