"""Public pages: no login, only what `portal.public` lets through."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from imar.core import public_version
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


def _page_number(request) -> int:
    """The asked page as a number, for a cache key (what `get_page` makes of anything else
    is page 1)."""
    raw = request.GET.get("page") or ""
    return int(raw) if raw.isdigit() and len(raw) <= 7 else 1


def _evaluated_page(queryset, number: int):
    """A page whose rows and count are computed now and which pickles without its
    queryset: what a cached page keeps."""
    page = Paginator(queryset, PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    paginator = page.paginator
    assert paginator.num_pages >= 1  # counted now: count and num_pages stay in its dict
    paginator.object_list = []
    return page


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
    figures = public_version.cached("home", build=selectors.home_figures)
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
    number = _page_number(request)

    def build():
        district = District.objects.select_related("region").filter(iso_code=iso_code).first()
        if district is None:
            return {}
        projects = selectors.district_projects(district)
        return {
            "district": district,
            "page": _evaluated_page(projects, number),
            "figures": _group_figures(projects),
            "needs": selectors.district_needs(district),
        }

    context = public_version.cached("district", iso_code[:20], number, build=build)
    if not context:
        raise Http404(_("No district has this code."))
    return render(
        request,
        "portal/district_detail.html",
        {**context, "downloads": _downloads(f"district={context['district'].iso_code}")},
    )


def sector_detail(request, code: str):
    if code not in Sector.values:
        raise Http404(_("Unknown sector."))
    number = _page_number(request)

    def build():
        projects = selectors.project_rows(Project.objects.public().filter(sector=code))
        return {"page": _evaluated_page(projects, number), "figures": _group_figures(projects)}

    return render(
        request,
        "portal/sector_detail.html",
        {
            **public_version.cached("sector", code, number, build=build),
            "sector": Sector(code),
            "codes": SECTOR_CODES[code],
            "downloads": _downloads(f"sector={code}"),
        },
    )


def partner_detail(request, pk: int):
    number = _page_number(request)

    def build():
        try:
            organization, agreements, projects = selectors.partner_page(pk)
        except Organization.DoesNotExist:
            return {}
        return {
            "organization": organization,
            "agreements": list(agreements),
            "page": _evaluated_page(projects, number),
        }

    context = public_version.cached("partner", pk, number, build=build)
    if not context:
        raise Http404(_("No public partner has this number."))
    return render(
        request,
        "portal/partner_detail.html",
        {**context, "downloads": _downloads(f"organization={pk}")},
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
