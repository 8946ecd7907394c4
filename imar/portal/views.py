"""Public pages: no login, only what `portal.public` lets through."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from imar.geo.models import District
from imar.monitoring.dashboard import portfolio_figures
from imar.organizations.models import Organization
from imar.portal import selectors
from imar.portal.charts import progress_curve
from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Program, Project, ProjectDocument
from imar.portfolio.sectors import SECTOR_CODES, Sector

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _downloads(params: str) -> list[tuple[str, str]]:
    suffix = f"?{params}" if params else ""
    return [
        (label, f"/open-data/projects.{ext}{suffix}")
        for label, ext in [
            ("CSV", "csv"),
            ("XLSX", "xlsx"),
            ("IATI XML", "xml"),
            ("OC4IDS JSON", "json"),
            ("GeoJSON", "geojson"),
        ]
    ]


def home(request):
    figures = selectors.home_figures()
    return render(request, "portal/home.html", {"figures": figures, "downloads": _downloads("")})


def project_list(request):
    queryset, filterset = filter_public_projects(selectors.project_rows(), request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/project_list.html",
        {
            "filter": filterset,
            "page": _page(request, queryset),
            "params": params.urlencode(),
            "downloads": _downloads(params.urlencode()),
        },
    )


def project_detail(request, code: str):
    try:
        project = selectors.project_page(code)
    except Project.DoesNotExist:
        raise Http404(_("No public project has this code.")) from None
    readings = [(r.report_date, r.physical_percent) for r in project.public_reports]
    return render(
        request,
        "portal/project_detail.html",
        {
            "project": project,
            "money": selectors.project_money(project),
            "curve": progress_curve(readings),
            "sector_codes": SECTOR_CODES[project.sector],
            "downloads": _downloads(f"code={project.code}"),
            "documents": ProjectDocument.objects.public().filter(project=project),
        },
    )


def district_detail(request, iso_code: str):
    district = get_object_or_404(District.objects.select_related("region"), iso_code=iso_code)
    projects = selectors.district_projects(district)
    return render(
        request,
        "portal/district_detail.html",
        {
            "district": district,
            "page": _page(request, projects),
            "figures": _group_figures(projects),
            "needs": selectors.district_needs(district),
            "downloads": _downloads(f"district={district.iso_code}"),
        },
    )


def sector_detail(request, code: str):
    if code not in Sector.values:
        raise Http404(_("Unknown sector."))
    projects = selectors.project_rows(Project.objects.public().filter(sector=code))
    return render(
        request,
        "portal/sector_detail.html",
        {
            "sector": Sector(code),
            "codes": SECTOR_CODES[code],
            "page": _page(request, projects),
            "figures": _group_figures(projects),
            "downloads": _downloads(f"sector={code}"),
        },
    )


def partner_detail(request, pk: int):
    try:
        organization, agreements, projects = selectors.partner_page(pk)
    except Organization.DoesNotExist:
        raise Http404(_("No public partner has this number.")) from None
    return render(
        request,
        "portal/partner_detail.html",
        {
            "organization": organization,
            "agreements": agreements,
            "page": _page(request, projects),
            "downloads": _downloads(f"organization={organization.pk}"),
        },
    )


def program_detail(request, code: str):
    try:
        program, projects = selectors.program_page(code)
    except Program.DoesNotExist:
        raise Http404(_("No public program has this code.")) from None
    return render(
        request,
        "portal/program_detail.html",
        {
            "program": program,
            "page": _page(request, projects),
            "figures": _group_figures(projects),
            "downloads": _downloads(f"program={program.code}"),
        },
    )


def search(request):
    query = request.GET.get("q", "")
    return render(
        request,
        "portal/search.html",
        {"query": query, "results": selectors.search_everything(query)},
    )


def _group_figures(projects) -> dict:
    return portfolio_figures(projects.order_by())
