"""A small public world with private sentinels that must never leave through public doors."""

from datetime import date
from decimal import Decimal

import pytest

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Contact, Organization
from imar.partners.enums import AgreementKind, AgreementStatus, PartyRole
from imar.partners.models import Agreement, AgreementParty
from imar.portfolio.enums import OrganizationRole, ProjectStatus, ProjectType
from imar.portfolio.models import ProjectOrganization
from imar.portfolio.sectors import Sector

# Strings that appear only in private records; no public output may contain any of them.
SENTINELS = [
    "SENTINEL-PRIVATE-7",
    "مشروع-سري-7",
    "SENT-PRIV",
    "SENTINEL-NOTE-7",
    "sentinel-contact@private.test",
    "SENTINEL-CONFIDENTIAL-7",
    "SENTINEL-ORG-PRIVATE",
    "SENTINEL-DRAFT-7",
    "SENTINEL-RETURNED-7",
    "SENTINEL-EVIDENCE-7",
    "SENTINEL-OVERRIDE-7",
    "SENTINEL-PRIVATE-TX",
    "SENTINEL-DOC-PRIVATE-7",
    "SENTINEL-DOC-PRIVPROJ-7",
    # A citizen's case (tests/feedback): the reporter's words, contact and note stay inside.
    "SENTINEL-CITIZEN-7",
    "sentinel-citizen@private.test",
    "SENTINEL-CASE-NOTE-7",
]


def assert_no_sentinel(text: str) -> None:
    leaked = [s for s in SENTINELS if s.casefold() in text.casefold()]
    assert not leaked, f"private data leaked: {leaked}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Open data carries absolute links: the site's public address."""
    settings.IMAR_SITE_URL = "https://imar.test"


@pytest.fixture
def world(make_project, tripoli, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    turkish = Organization.objects.create(
        name_ar="شركة الأناضول للإنشاءات",
        name_en="Anadolu Construction",
        kind=OrganizationKind.COMPANY,
        country="TR",
        notes="SENTINEL-NOTE-7",
    )
    ministry = Organization.objects.create(
        name_ar="وزارة الإسكان والتعمير",
        name_en="Ministry of Housing and Construction",
        kind=OrganizationKind.GOVERNMENT_BODY,
        country="LY",
        iati_identifier="LY-GOV-MHC",
    )
    secret_org = Organization.objects.create(
        name_ar="جهة سرية",
        name_en="SENTINEL-ORG-PRIVATE",
        kind=OrganizationKind.COMPANY,
        country="FR",
    )
    Contact.objects.create(
        organization=turkish, name="Private Person", email="sentinel-contact@private.test"
    )
    housing = make_project(
        code="DRN-001",
        title_ar="إعادة إعمار حي البلاد في درنة",
        title_en="Rebuilding Al-Bilad quarter, Derna",
        description_ar="بناء مساكن جديدة للأسر المتضررة.",
        description_en="New homes for affected families.",
        status=ProjectStatus.IMPLEMENTATION,
        actual_start=date(2025, 2, 1),
        latitude=32.76,
        longitude=22.64,
        beneficiaries=1200,
        planned_start=date(2025, 1, 1),
        planned_end=date(2027, 6, 30),
        budget=Decimal("2500000.00"),
    )
    road = make_project(
        code="TRP-002",
        title_ar="طريق المطار",
        title_en="Airport road",
        sector=Sector.ROADS_BRIDGES,
        project_type=ProjectType.REPLACEMENT,
        municipality=tripoli,
        status=ProjectStatus.COMPLETED,
        actual_start=date(2024, 3, 1),
        actual_end=date(2025, 5, 1),
        currency="USD",
        budget=Decimal("999.99"),
    )
    private = make_project(
        code="SENT-PRIV",
        title_ar="مشروع-سري-7",
        title_en="SENTINEL-PRIVATE-7",
        description_en="SENTINEL-PRIVATE-7 description",
        is_public=False,
    )
    ProjectOrganization.objects.create(
        project=housing, organization=turkish, role=OrganizationRole.CONTRACTOR
    )
    ProjectOrganization.objects.create(
        project=housing, organization=ministry, role=OrganizationRole.IMPLEMENTER
    )
    ProjectOrganization.objects.create(
        project=road, organization=ministry, role=OrganizationRole.FUNDER
    )
    ProjectOrganization.objects.create(
        project=private, organization=secret_org, role=OrganizationRole.FUNDER
    )
    public_agreement = Agreement.objects.create(
        kind=AgreementKind.CONTRACT,
        reference="AGR-PUB-1",
        title_ar="عقد تنفيذ حي البلاد",
        title_en="Al-Bilad works contract",
        status=AgreementStatus.SIGNED,
        value=Decimal("2000000.00"),
        currency="LYD",
        is_public=True,
    )
    AgreementParty.objects.create(
        agreement=public_agreement, organization=turkish, role=PartyRole.IMPLEMENTER
    )
    public_agreement.projects.add(housing)
    confidential = Agreement.objects.create(
        kind=AgreementKind.MOU,
        reference="SENTINEL-CONFIDENTIAL-7",
        title_ar="مذكرة سرية",
        title_en="SENTINEL-CONFIDENTIAL-7",
        is_public=False,
    )
    AgreementParty.objects.create(
        agreement=confidential, organization=turkish, role=PartyRole.FIRST_PARTY
    )
    confidential.projects.add(housing)
    _monitoring(housing, private, ministry, turkish)
    _documents(housing, private)
    _citizen_case(housing)
    return {
        "housing": housing,
        "road": road,
        "private": private,
        "turkish": turkish,
        "ministry": ministry,
        "secret_org": secret_org,
        "public_agreement": public_agreement,
        "confidential": confidential,
    }


def _monitoring(housing, private, ministry, turkish):
    from django.utils import timezone

    from imar.monitoring.models import (
        Milestone,
        ProgressReport,
        ProjectFigures,
        ReportStatus,
        Transaction,
    )

    Milestone.objects.create(
        project=housing,
        name_ar="الأساسات",
        name_en="Foundations",
        planned_date=date(2025, 6, 30),
        actual_date=date(2025, 7, 10),
        weight=Decimal("30"),
        evidence="SENTINEL-EVIDENCE-7",
    )
    Milestone.objects.create(
        project=housing,
        name_ar="الهيكل",
        name_en="Structure",
        planned_date=date(2026, 6, 30),
        weight=Decimal("70"),
    )
    Transaction.objects.create(
        project=housing,
        kind="commitment",
        date=date(2025, 1, 15),
        amount=Decimal("2000000.00"),
        currency="LYD",
        amount_lyd=Decimal("2000000.00"),
        provider=ministry,
        receiver=turkish,
    )
    Transaction.objects.create(
        project=housing,
        kind="disbursement",
        date=date(2025, 3, 1),
        amount=Decimal("500000.00"),
        currency="LYD",
        amount_lyd=Decimal("500000.00"),
        provider=ministry,
        receiver=turkish,
        override_reason="SENTINEL-OVERRIDE-7",
    )
    Transaction.objects.create(
        project=private,
        kind="expenditure",
        date=date(2025, 3, 1),
        amount=Decimal("777.00"),
        currency="LYD",
        amount_lyd=Decimal("777.00"),
        reference="SENTINEL-PRIVATE-TX",
    )
    ProgressReport.objects.create(
        project=housing,
        report_date=date(2025, 4, 1),
        physical_percent=Decimal("20"),
        narrative_en="Walls rising.",
        status=ReportStatus.VERIFIED,
        verified_at=timezone.now(),
    )
    for status, text in [
        (ReportStatus.DRAFT, "SENTINEL-DRAFT-7"),
        (ReportStatus.RETURNED, "SENTINEL-RETURNED-7"),
        (ReportStatus.SUBMITTED, "SENTINEL-DRAFT-7 submitted"),
    ]:
        ProgressReport.objects.create(
            project=housing,
            report_date=date(2025, 5, 1),
            physical_percent=Decimal("35"),
            narrative_en=text,
            narrative_ar=text,
            status=status,
        )
    ProjectFigures.objects.create(
        project=housing,
        as_of=date(2025, 5, 1),
        budget_lyd=Decimal("2500000"),
        committed_lyd=Decimal("2000000"),
        disbursed_lyd=Decimal("500000"),
        spent_lyd=Decimal("250000"),
        progress_percent=Decimal("20"),
    )


def _documents(housing, private):
    """A public document on a public project, and two that must stay inside."""
    from django.core.files.base import ContentFile

    from imar.portfolio.models import DocumentCategory, ProjectDocument

    for project, title, is_public in [
        (housing, "Al-Bilad feasibility study", True),
        (housing, "SENTINEL-DOC-PRIVATE-7", False),
        (private, "SENTINEL-DOC-PRIVPROJ-7", True),
    ]:
        document = ProjectDocument(
            project=project,
            title_ar=f"{title} (ar)" if not title.startswith("SENTINEL") else title,
            title_en=title,
            category=DocumentCategory.FEASIBILITY_STUDY,
            content_type="application/pdf",
            is_public=is_public,
            document_date=date(2025, 1, 10),
        )
        document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        document.save()


def _citizen_case(housing):
    """A published, answered citizen's case whose private parts carry sentinels."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from imar.feedback.models import Case, CaseNote

    now = timezone.now()
    case = Case.objects.create(
        project=housing,
        category="work_stopped",
        text="SENTINEL-CITIZEN-7 my house is next to the site",
        contact="sentinel-citizen@private.test",
        latitude=32.76543,
        longitude=22.63771,
        tracking_hash="0" * 64,
        fingerprint="0" * 64,
        received_at=now,
        due_at=now,
        status="answered",
        answered_at=now,
        answer_ar="استؤنف العمل",
        answer_en="Work resumed",
        public_text="Work on the site stopped.",
        is_published=True,
    )
    author = get_user_model().objects.create_user("case-note-author")
    CaseNote.objects.create(case=case, author=author, text="SENTINEL-CASE-NOTE-7")
