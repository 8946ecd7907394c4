"""Reads of citizens' cases and of data quality: what the pages show."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from imar.core.models import pick_language
from imar.feedback import quality, rules
from imar.feedback.enums import ANSWERED_STATUSES, OPEN_STATUSES, Status
from imar.feedback.models import Case
from imar.feedback.quality_hooks import projects_with_indicators
from imar.geo.models import District
from imar.monitoring.alerts import UNDER_WAY
from imar.monitoring.models import ProgressReport, ReportPhoto, Transaction
from imar.monitoring.models.reports import ReportStatus
from imar.monitoring.models.transactions import TransactionKind
from imar.portfolio.enums import OrganizationRole
from imar.portfolio.models import Project, ProjectOrganization

# ---- public ---------------------------------------------------------------------------


def project_counts(project) -> dict[str, int]:
    """Raised, answered and resolved: the cases the public may know exist."""
    cases = Case.objects.countable().filter(project=project)
    return cases.aggregate(
        raised=Count("pk"),
        answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES)),
        resolved=Count("pk", filter=Q(status=Status.RESOLVED)),
    )


def public_cases(project, limit: int = 20):
    return (
        Case.objects.public()
        .filter(project=project)
        .only(*("pk", "project", "category", "status", "received_at", "answered_at"),
              "public_text", "answer_ar", "answer_en", "decided_at")
        .prefetch_related("photos")
        .order_by("-received_at")[:limit]
    )  # fmt: skip


def response_times_by_district(today: dt.date | None = None) -> list[dict]:
    """Per district: cases raised (countable), answered, still open, and the median hours
    from receipt to the first public answer."""
    rows = (
        Case.objects.countable()
        .values("pk", "status", "received_at", "answered_at", "project__municipality__district")
        .order_by()
    )
    by_district: dict[int, dict] = {}
    for row in rows:
        entry = by_district.setdefault(
            row["project__municipality__district"], {"raised": 0, "open": 0, "hours": []}
        )
        entry["raised"] += 1
        entry["open"] += row["status"] in OPEN_STATUSES
        if row["answered_at"]:
            entry["hours"].append((row["answered_at"] - row["received_at"]).total_seconds() / 3600)
    districts = District.objects.in_bulk(list(by_district))
    out = []
    for district_id, entry in by_district.items():
        district = districts[district_id]
        out.append(
            {
                "district": district,
                "raised": entry["raised"],
                "answered": len(entry["hours"]),
                "open": entry["open"],
                "median_days": (
                    None
                    if not entry["hours"]
                    else round(rules.median_hours(entry["hours"]) / 24, 1)
                ),
            }
        )
    return sorted(out, key=lambda r: r["district"].name)


# ---- staff ----------------------------------------------------------------------------


def triage_queue(cases, *, filters: dict, now: dt.datetime | None = None):
    now = now or timezone.now()
    cases = cases.select_related("project__municipality__district", "assigned_to")
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    else:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.get("category"):
        cases = cases.filter(category=filters["category"])
    if filters.get("overdue"):
        cases = cases.filter(due_at__lt=now, status__in=OPEN_STATUSES)
    if filters.get("mine") and filters.get("user") is not None:
        cases = cases.filter(assigned_to=filters["user"])
    return cases.order_by("due_at", "pk")


# ---- data quality ---------------------------------------------------------------------


def quality_facts(projects, *, public: bool = False):
    """One query over the projects (subqueries per fact), yielding quality.ProjectFacts."""
    reports = ProgressReport.objects.public() if public else ProgressReport.objects.all()
    money = Transaction.objects.public() if public else Transaction.objects.all()
    verified = reports.filter(project=OuterRef("pk"), status=ReportStatus.VERIFIED)
    last_verified = Subquery(
        verified.order_by().values("project").annotate(m=Max("report_date")).values("m")[:1]
    )
    disbursed = money.filter(project=OuterRef("pk"), kind=TransactionKind.DISBURSEMENT)
    last_disbursement = Subquery(
        disbursed.order_by().values("project").annotate(m=Max("date")).values("m")[:1]
    )
    cases = Case.objects.countable() if public else Case.objects.all()
    open_cases = Subquery(
        cases.filter(project=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    # Projects with photos: one query of ids, not a correlated subquery (the public photo
    # rule nests two IN clauses, which SQLite re-evaluates per project when correlated).
    photos = ReportPhoto.objects.public() if public else ReportPhoto.objects.all()
    with_photos = set(
        photos.filter(report__project__in=projects)
        .order_by()
        .values_list("report__project_id", flat=True)
        .distinct()
    )
    rows = (
        projects.order_by("code")
        .annotate(
            q_contractor=Exists(
                ProjectOrganization.objects.filter(
                    project=OuterRef("pk"), role=OrganizationRole.CONTRACTOR
                )
            ),
            q_last_verified=last_verified,
            q_last_disbursement=last_disbursement,
            q_open_cases=Coalesce(open_cases, 0),
            q_started=Coalesce(F("actual_start"), F("planned_start")),
        )
        .values_list(
            "pk", "code", "municipality__district__name_ar", "municipality__district__name_en",
            "program__name_ar", "program__name_en", "latitude", "q_contractor", "planned_start", "planned_end",
            "budget", "status", "q_last_verified", "q_started",
            "q_last_disbursement", "q_open_cases",
        )
    )  # fmt: skip
    with_indicators = projects_with_indicators(projects)
    for (
        pk, code, district_ar, district_en, program_ar, program_en, latitude, contractor, start, end,
        budget, status, last_verified_on, started, last_disbursed, open_count,
    ) in rows.iterator(chunk_size=5000):  # fmt: skip
        yield quality.ProjectFacts(
            project_id=pk,
            code=code,
            district=pick_language(district_ar, district_en),
            program=pick_language(program_ar or "", program_en or ""),
            location=latitude is not None,
            contractor=bool(contractor),
            dates=start is not None and end is not None,
            budget=budget is not None and budget > 0,
            photos=pk in with_photos,
            indicators=None if with_indicators is None else pk in with_indicators,
            under_way=status in UNDER_WAY,
            last_verified=last_verified_on,
            started=started,
            last_disbursement=last_disbursed,
            open_cases=open_count,
        )


def data_quality(projects, *, public: bool = False, today: dt.date | None = None):
    today = today or timezone.localdate()
    return quality.summarise(
        quality_facts(projects, public=public),
        today=today,
        report_days=settings.IMAR_QUALITY_REPORT_DAYS,
        list_limit=0 if public else 20,
    )


# ---- the data-quality pages, computed once and kept --------------------------------------
# At 100,000 projects the computation takes seconds (bench/feedback_quality.py): the pages
# read the last result from the cache, which `tasks.refresh_quality` fills (a periodic job)
# and a page fills itself when it finds nothing. Both pages show every project of their
# scope (head office staff, the public), so one result per scope and language serves all.


def quality_cache_key(*, public: bool, language: str | None = None) -> str:
    scope = "public" if public else "staff"
    return f"feedback:quality:{scope}:{(language or get_language() or 'ar')[:2]}"


def computed_quality(*, public: bool) -> dict:
    """The data-quality summary of the scope, with the time it was computed."""
    projects = Project.objects.public() if public else Project.objects.all()
    return {"quality": data_quality(projects, public=public), "computed_at": timezone.now()}


def cached_quality(*, public: bool) -> dict:
    """The kept summary of the scope in the current language, computed when missing (or
    always, with IMAR_QUALITY_CACHE_SECONDS = 0)."""
    seconds = settings.IMAR_QUALITY_CACHE_SECONDS
    if seconds <= 0:
        return computed_quality(public=public)
    key = quality_cache_key(public=public)
    entry = cache.get(key)
    if entry is None:
        entry = computed_quality(public=public)
        cache.set(key, entry, seconds)
    return entry
