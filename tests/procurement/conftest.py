"""A contracting process walked through the services, for the procurement tests."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.procurement import services


def at(y, m, d, h=10) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


@pytest.fixture
def company():
    def make(name: str, country: str = "LY") -> Organization:
        return Organization.objects.create(
            name_ar=f"شركة {name}", name_en=f"{name} Co.", kind=OrganizationKind.COMPANY,
            country=country,
        )  # fmt: skip

    return make


@pytest.fixture
def walk(make_project, organization, officer, company):
    """`walk(...)` runs a process from planning to a signed contract (or stops earlier)."""

    def run(
        *,
        project=None,
        method="open",
        justification="",
        bids=((Decimal("900000"), "valid"), (Decimal("990000"), "valid")),
        days=30,
        late=False,
        stop="contract",
        signed=date(2025, 3, 20),
        standstill_end=date(2025, 3, 15),
        entity=None,
        winner=None,
    ):
        project = project or make_project()
        process = services.process_save(
            by=officer,
            project=project,
            fields={
                "method": method, "method_justification": justification,
                "estimated_value": Decimal("1000000"), "currency": "LYD", "year": 2025,
                "title_ar": "إعادة تأهيل مدرسة", "title_en": "School rehabilitation",
                "description_en": "Works", "procuring_entity": entity or organization,
                "budget_line": "2025/DRN/01",
                "tender_start": at(2025, 1, 1), "tender_end": at(2025, 1, 1 + days),
            },
        )  # fmt: skip
        if stop == "planning":
            return process
        services.process_transition(process=process, to="tender", by=officer)
        recorded = []
        for n, (value, status) in enumerate(bids):
            bidder = winner if (n == 0 and winner) else company(f"Bidder {project.code} {n}")
            received = at(2025, 1, 1 + days, 12) if (late and n == 0) else at(2025, 1, 2 + n)
            recorded.append(
                services.bid_record(
                    by=officer,
                    process=process,
                    bidder=bidder,
                    value=value,
                    currency="LYD",
                    received_at=received,
                    status=status,
                    status_reason="" if status == "valid" else "Missing guarantee",
                )  # fmt: skip
            )
        if stop == "tender":
            return process
        services.process_transition(process=process, to="evaluation", by=officer)
        if stop == "evaluation":
            return process
        services.award_record(
            by=officer, process=process, bid=recorded[0], award_date=date(2025, 3, 1),
            standstill_end=standstill_end,
        )  # fmt: skip
        if stop == "award":
            return process
        services.contract_sign(
            by=officer, process=process, date_signed=signed, start_date=date(2025, 4, 1),
            end_date=date(2026, 3, 31),
        )  # fmt: skip
        process.refresh_from_db()
        return process

    return run
