"""What the public may see: one queryset per model, the only place that decides it.

Every public page, open-data export and public API endpoint starts from these functions;
none filters on `is_public` (or report status, or confidentiality) by itself. Private
projects, draft or returned reports, confidential agreements, contacts and internal notes
never leave through them: contacts have no public queryset at all, and notes are never
selected by a public serializer, template or exporter.
"""

from django.db.models import Exists, OuterRef, QuerySet

from imar.organizations.models import Organization
from imar.portfolio.models import Program, Project, ProjectOrganization


def public_projects() -> QuerySet[Project]:
    return Project.objects.filter(is_public=True)


def public_programs() -> QuerySet[Program]:
    """Programs with at least one public project (an all-private program stays unseen)."""
    return Program.objects.filter(Exists(public_projects().filter(program=OuterRef("pk"))))


def public_agreements() -> QuerySet:
    """Agreements marked public (not confidential)."""
    from imar.partners.models import Agreement

    return Agreement.objects.filter(is_public=True)


def public_organizations() -> QuerySet[Organization]:
    """Organizations named in a public project or party to a public agreement."""
    in_public_project = ProjectOrganization.objects.filter(
        organization=OuterRef("pk"), project__is_public=True
    )
    party_to_public_agreement = public_agreements().filter(parties__organization=OuterRef("pk"))
    return Organization.objects.filter(
        Exists(in_public_project) | Exists(party_to_public_agreement)
    ).defer("notes")


def public_participations() -> QuerySet[ProjectOrganization]:
    return ProjectOrganization.objects.filter(project__is_public=True)


def public_milestones() -> QuerySet:
    from imar.monitoring.models import Milestone

    return Milestone.objects.filter(project__is_public=True).defer("evidence", "evidence_file")


def public_transactions() -> QuerySet:
    from imar.monitoring.models import Transaction

    return Transaction.objects.filter(project__is_public=True).defer(
        "override_reason", "override_by", "recorded_by"
    )


def public_reports() -> QuerySet:
    """Verified reports of public projects: drafts, submitted and returned ones stay inside."""
    from imar.monitoring.models import ProgressReport, ReportStatus

    return ProgressReport.objects.filter(status=ReportStatus.VERIFIED, project__is_public=True)


def public_photos() -> QuerySet:
    """The resized, metadata-free copies of photos in public reports (never the originals)."""
    from imar.monitoring.models import ReportPhoto, ReportStatus

    return ReportPhoto.objects.filter(
        report__status=ReportStatus.VERIFIED, report__project__is_public=True
    ).exclude(public_image="")


def public_documents() -> QuerySet:
    """Documents marked public, of public projects (the file itself stays in private storage
    and is streamed by `portal:document_download`)."""
    from imar.portfolio.models import ProjectDocument

    return ProjectDocument.objects.filter(is_public=True, project__is_public=True).defer(
        "uploaded_by"
    )


def public_assessments() -> QuerySet:
    """Damage and needs assessments: published, but their internal notes never selected."""
    from imar.needs.models import Assessment

    return Assessment.objects.defer("notes")


def public_scoring_models() -> QuerySet:
    """Scoring models published with the scenarios' results."""
    from imar.needs.models import ScoringModel

    return ScoringModel.objects.filter(is_published=True)


def public_damage_records() -> QuerySet:
    """Assessed damage and needs by place and sector (published assessment figures; the
    assessment's internal notes are never selected)."""
    from imar.needs.models import DamageRecord

    return DamageRecord.objects.all()
