"""Partners fixtures: the fund, a Greek and a US partner, and an agreement factory."""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.partners import services
from imar.partners.enums import AgreementKind, AgreementStatus, PartyRole
from imar.partners.models import Engagement

_refs = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The shared user fixtures hash a password each; a fast hasher keeps this suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fund(db) -> Organization:
    return Organization.objects.create(
        name_ar="صندوق التنمية وإعادة إعمار ليبيا",
        name_en="Development and Reconstruction Fund of Libya",
        acronym="DRF",
        kind=OrganizationKind.GOVERNMENT_BODY,
        country="LY",
        iati_identifier="XM-DAC-LY-DRF",
    )


@pytest.fixture
def greek_ministry(db) -> Organization:
    return Organization.objects.create(
        name_ar="وزارة التنمية اليونانية",
        name_en="Hellenic Ministry of Development",
        acronym="GR-MD",
        kind=OrganizationKind.FOREIGN_GOVERNMENT,
        country="GR",
        notes="Prefers meetings in Athens.",
    )


@pytest.fixture
def us_agency(db) -> Organization:
    return Organization.objects.create(
        name_ar="الوكالة الأمريكية للتنمية",
        name_en="US Agency for Development",
        acronym="US-AD",
        kind=OrganizationKind.DEVELOPMENT_AGENCY,
        country="US",
    )


@pytest.fixture
def visit(db) -> Engagement:
    return Engagement.objects.create(
        kind="delegation",
        title_ar="زيارة الوفد اليوناني",
        title_en="Greek delegation visit",
        starts_on=date(2026, 3, 10),
        place_en="Benghazi",
    )


@pytest.fixture
def make_agreement(fund, officer):
    """Create an agreement through the service; override fields, parties or projects."""

    def make(partner, *, parties=None, projects=(), **fields) -> object:
        values = {
            "kind": AgreementKind.GRANT,
            "reference": f"AG-{next(_refs):04d}",
            "title_ar": "اتفاقية منحة",
            "title_en": "Grant agreement",
            "status": AgreementStatus.SIGNED,
            "signed_on": date(2026, 3, 10),
            "effective_from": date(2026, 4, 1),
            "ends_on": date(2030, 12, 31),
            "value": Decimal("1000000.00"),
            "currency": "EUR",
            "is_public": True,
        }
        values.update(fields)
        parties = parties or [
            services.Party(fund, PartyRole.FIRST_PARTY),
            services.Party(partner, PartyRole.SECOND_PARTY),
        ]
        return services.agreement_create(
            by=officer, fields=values, parties=parties, projects=projects
        )

    return make
