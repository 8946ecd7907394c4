"""Reads for the public portal, all starting from `portal.public`."""

from django.db.models import Max, Prefetch, QuerySet, Sum

from imar.core.search import filter_by_search
from imar.geo.models import District, Municipality
from imar.monitoring.dashboard import portfolio_figures
from imar.monitoring.models import Milestone, ProgressReport, ReportPhoto, Transaction
from imar.needs.models import DamageRecord
from imar.organizations.models import Organization
from imar.partners.models import Agreement
from imar.portfolio.models import Program, Project, ProjectOrganization

LATEST_PHOTOS = 8


def project_rows(queryset: QuerySet | None = None) -> QuerySet[Project]:
    """What a public list row shows, joined in (no N+1)."""
    queryset = Project.objects.public() if queryset is None else queryset
    return (
        queryset.select_related("municipality__district", "figures")
        .defer("municipality__district__geometry")  # a large JSON boundary no row shows
        .order_by("code")
    )


def home_figures() -> dict:
    projects = Project.objects.public()
    figures = portfolio_figures(projects)
    figures["people_served"] = projects.aggregate(n=Sum("beneficiaries"))["n"] or 0
    last_project = projects.aggregate(at=Max("updated_at"))["at"]
    last_report = ProgressReport.objects.public().aggregate(at=Max("verified_at"))["at"]
    figures["last_updated"] = max(filter(None, [last_project, last_report]), default=None)
    figures["photos"] = latest_photos()
    return figures


def latest_photos(queryset: QuerySet | None = None, limit: int = LATEST_PHOTOS) -> list:
    photos = ReportPhoto.objects.public() if queryset is None else queryset
    return list(
        photos.select_related("report__project").order_by("-report__verified_at", "-id")[:limit]
    )


def project_page(code: str) -> Project:
    """The public project with everything its page shows; Project.DoesNotExist if hidden."""
    reports = (
        ProgressReport.objects.public()
        .order_by("report_date")
        .prefetch_related(Prefetch("photos", queryset=ReportPhoto.objects.public()))
    )
    participations = ProjectOrganization.objects.public().select_related("organization")
    return (
        Project.objects.public()
        .select_related("municipality__district__region", "program", "figures")
        .defer("municipality__district__geometry")
        .prefetch_related(
            Prefetch("participations", queryset=participations),
            Prefetch("milestones", queryset=Milestone.objects.public().order_by("planned_date")),
            Prefetch("progress_reports", queryset=reports, to_attr="public_reports"),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.public().order_by("-signed_on"),
                to_attr="public_agreements",
            ),
        )
        .get(code=code)
    )


def project_money(project: Project) -> dict:
    """Σ transaction amounts of a public project per kind and currency."""
    totals: dict = {}
    rows = (
        Transaction.objects.public()
        .filter(project=project)
        .values("kind", "currency")
        .annotate(total=Sum("amount"))
        .order_by("kind", "currency")
    )
    for row in rows:
        totals.setdefault(row["kind"], []).append((row["total"], row["currency"]))
    return totals


def district_needs(district: District) -> list[dict]:
    """Recovery needs and people affected in a district, per assessment and currency."""
    return list(
        DamageRecord.objects.public()
        .filter(municipality__district=district)
        .values(
            "assessment__name_ar", "assessment__name_en", "assessment__conducted_on", "currency"
        )
        .annotate(needs=Sum("recovery_needs"), damage=Sum("damage"), people=Sum("people_affected"))
        .order_by("-assessment__conducted_on", "currency")
    )


def district_projects(district: District) -> QuerySet[Project]:
    return project_rows(Project.objects.public().filter(municipality__district=district))


def partner_page(pk: int):
    """A public organization with its public agreements; DoesNotExist if not public."""
    organization = Organization.objects.public().get(pk=pk)
    agreements = Agreement.objects.public().filter(parties__organization=organization).distinct()
    projects = project_rows(
        Project.objects.public().filter(participations__organization=organization).distinct()
    )
    return organization, agreements.order_by("-signed_on", "-id"), projects


def program_page(code: str):
    program = Program.objects.public().get(code=code)
    return program, project_rows(Project.objects.public().filter(program=program))


def search_everything(query: str, limit: int = 20) -> dict:
    """Projects, partners and places matching a query, Arabic spelling variants folded."""
    if not query.strip():
        return {"projects": [], "partners": [], "districts": [], "municipalities": []}
    return {
        "projects": list(filter_by_search(project_rows(), query)[:limit]),
        "partners": list(filter_by_search(Organization.objects.public(), query)[:limit]),
        "districts": list(filter_by_search(District.objects.all(), query)[:limit]),
        "municipalities": list(
            filter_by_search(Municipality.objects.select_related("district"), query)[:limit]
        ),
    }
