import io
from datetime import date
from decimal import Decimal

import pytest

from imar.aid.services import activity_import
from imar.portfolio.models import ExchangeRate


@pytest.fixture
def do_import(gazetteer, officer):
    """Import bytes (or a path) as the officer; returns the ImportRun."""

    def run(data, name="donor.xml", by=None, **options):
        if isinstance(data, bytes | bytearray):
            return activity_import(
                file=io.BytesIO(data), by=by or officer, file_name=name, **options
            )
        with open(data, "rb") as handle:
            return activity_import(file=handle, by=by or officer, file_name=name, **options)

    return run


@pytest.fixture
def rates(db):
    """The fund's rates: USD and EUR from 2024 on, a higher USD rate from 2025-06-01."""
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.80"))
    ExchangeRate.objects.create(currency="USD", date=date(2025, 6, 1), rate_to_lyd=Decimal("5.00"))
    ExchangeRate.objects.create(currency="EUR", date=date(2024, 1, 1), rate_to_lyd=Decimal("5.20"))


@pytest.fixture
def usaid(db):
    from imar.organizations.enums import OrganizationKind
    from imar.organizations.models import Organization

    return Organization.objects.create(
        name_en="U.S. Agency for International Development",
        name_ar="الوكالة الأمريكية للتنمية الدولية",
        kind=OrganizationKind.DEVELOPMENT_AGENCY,
        country="US",
        iati_identifier="US-GOV-1",
    )


@pytest.fixture
def derna_needs(gazetteer):
    """Recorded needs of 10,000,000 LYD in Derna district."""
    from imar.geo.models import Municipality
    from imar.needs.models import Assessment, DamageRecord

    assessment = Assessment.objects.create(
        name_ar="تقييم", name_en="Assessment", conducted_on="2024-01-15"
    )
    return DamageRecord.objects.create(
        assessment=assessment,
        municipality=Municipality.objects.get(pcode="LY010102"),
        sector="housing",
        damage=Decimal("8000000"),
        losses=Decimal("0"),
        recovery_needs=Decimal("10000000"),
        currency="LYD",
        people_affected=1000,
    )


@pytest.fixture
def water_project(make_project, usaid):
    """A fund project in Derna, water sector, with USAID as funder: the activity's match."""
    from imar.portfolio.models import ProjectOrganization

    project = make_project(
        code="DRN-W-01",
        title_en="Derna water network rehabilitation",
        title_ar="إعادة تأهيل شبكة مياه درنة",
        sector="water_sanitation",
        status="approved",
        budget=Decimal("2000000"),
    )
    ProjectOrganization.objects.create(project=project, organization=usaid, role="funder")
    return project
