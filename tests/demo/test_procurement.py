"""The procurement demo step: processes for projects in procurement or later, published,
with a realistic share of red flags and deterministic."""

import random

from imar.demo import procurement as demo
from imar.portfolio.enums import ProjectStatus
from imar.procurement.models import Process, Release
from imar.procurement.selectors import flags_by_process


def test_demo_processes_have_some_red_flags(make_project, officer):
    for n in range(30):
        status = [ProjectStatus.PROCUREMENT, ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED][
            n % 3
        ]
        make_project(status=status)
    make_project(status=ProjectStatus.APPROVED)
    demo.load(rng=random.Random(1), options={}, log=lambda *_: None)
    processes = list(Process.objects.all())
    assert len(processes) == demo.LIMIT
    assert not Process.objects.filter(project__status=ProjectStatus.APPROVED).exists()
    assert Process.objects.filter(status="contracted").exists()
    assert Process.objects.filter(method="direct").exists()
    assert any("contractAmendment" in r.tags for r in Release.objects.all())
    flags = flags_by_process(processes)
    flagged = sum(1 for p in processes if flags[p.pk])
    assert 0.1 * len(processes) <= flagged <= 0.7 * len(processes)
    codes = {f.code for fs in flags.values() for f in fs}
    assert {"R018", "direct_award", "large_amendment"} <= codes


def test_greek_batch_contract_agreements_become_contracts(make_project, officer, organization):
    from datetime import date
    from decimal import Decimal

    from imar.organizations.models import Organization
    from imar.partners import services as partners
    from imar.partners.enums import AgreementStatus, PartyRole
    from imar.portfolio.enums import OrganizationRole
    from imar.portfolio.models import ProjectOrganization

    greek = Organization.objects.create(
        name_ar="شركة إيجه", name_en="Aegean Constructions", kind="company", country="GR"
    )
    project = make_project(status=ProjectStatus.IMPLEMENTATION)
    agreement = partners.agreement_create(
        by=officer,
        fields={
            "kind": "contract", "reference": "DRF-GR-2026-07", "title_ar": "عقد ميناء درنة",
            "title_en": "Contract for Derna port", "status": AgreementStatus.SIGNED,
            "signed_on": date(2026, 5, 4), "effective_from": date(2026, 6, 3),
            "ends_on": date(2029, 6, 3), "value": Decimal("38000000"), "currency": "EUR",
            "is_public": True,
        },
        parties=[
            partners.Party(organization, PartyRole.FIRST_PARTY),
            partners.Party(greek, PartyRole.SECOND_PARTY),
        ],
        projects=[project],
    )  # fmt: skip
    others = [
        Organization.objects.create(name_ar=f"شركة {n}", name_en=f"Co {n}", kind="company")
        for n in range(4)
    ]
    made = demo.greek_contracts(by=officer, rng=random.Random(3), companies=others, skip=set())
    assert made == 1
    process = Process.objects.get(project=project)
    contract = process.contract
    assert contract.agreement == agreement and contract.contractor == greek
    assert contract.value == Decimal("38000000") and contract.currency == "EUR"
    assert contract.date_signed == agreement.signed_on
    assert process.tender_end.date() < process.award.date <= contract.date_signed
    assert process.bids.count() >= 2 and process.award.supplier == greek
    assert ProjectOrganization.objects.filter(
        project=project, organization=greek, role=OrganizationRole.CONTRACTOR
    ).exists()
    assert demo.greek_contracts(by=officer, rng=random.Random(3), companies=others, skip=set()) == 0
