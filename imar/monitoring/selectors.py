"""Reads for the monitoring section of a project page and the district page."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils import timezone

from imar.accounts import permissions
from imar.monitoring.alerts import annotate_alerts, reasons
from imar.monitoring.models import (
    Milestone,
    ProgressReport,
    ProjectFigures,
    ReportPhoto,
    ReportStatus,
    Risk,
    Transaction,
    TransactionKind,
)
from imar.portfolio import evm
from imar.portfolio.currency import RateTable, budget_value
from imar.portfolio.models import Project


def _chart_date(day) -> str:
    return day.isoformat()


def progress_chart(project: Project, milestones, verified) -> dict:
    """Planned (from milestones) and actual (verified reports) progress, 0-100."""
    start = project.planned_start or project.actual_start or timezone.localdate()
    end = max(project.planned_end or start, start)
    plan = evm.EVMProject(
        bac=Decimal(0),
        planned_start=start,
        planned_end=end,
        milestones=[(m.planned_date, m.weight) for m in milestones],
        reports=[(r.report_date, r.physical_percent) for r in verified],
    )
    return {
        "planned": [
            {"x": _chart_date(p.date), "y": float(p.percent)} for p in evm.planned_curve(plan)
        ],
        "actual": [
            {"x": _chart_date(p.date), "y": float(p.percent)} for p in evm.progress_curve(plan)
        ],
    }


def money_chart(project: Project) -> dict:
    """Cumulative committed, disbursed and spent (LYD) by date, one SQL query."""
    rows = (
        Transaction.objects.filter(project=project)
        .values_list("date", "kind")
        .annotate(total=Sum("amount_lyd"))
        .order_by("date")
    )
    series = defaultdict(list)
    running = defaultdict(Decimal)
    for day, kind, total in rows:
        running[kind] += total
        series[kind].append({"x": _chart_date(day), "y": float(running[kind])})
    return {kind: series.get(kind, []) for kind in TransactionKind.values}


def project_monitoring_context(*, project: Project, user) -> dict:
    """Everything `monitoring/_project_monitoring.html` shows, in a fixed number of queries.

    Keys: monitoring_figures, monitoring_alerts, milestones, reports (with photos),
    risks, transactions, progress_chart, money_chart, and what the user may do.
    """
    milestones = list(Milestone.objects.filter(project=project).order_by("planned_date", "id"))
    reports = list(
        permissions.visible_reports(user, ProgressReport.objects.filter(project=project))
        .select_related("reporter", "verified_by")
        .prefetch_related(Prefetch("photos", queryset=ReportPhoto.objects.order_by("id")))
        .order_by("-report_date", "-id")[:50]
    )
    verified = [r for r in reversed(reports) if r.status == ReportStatus.VERIFIED]
    figures = ProjectFigures.objects.filter(project=project).first()
    flagged = annotate_alerts(Project.objects.filter(pk=project.pk)).select_related("figures")
    flagged = flagged.first()
    staff = permissions.is_staff_member(user)
    transactions = []
    if staff:
        transactions = list(
            Transaction.objects.filter(project=project)
            .select_related("provider", "receiver", "pays")
            .order_by("-date", "-id")[:12]
        )
    bac = (
        Decimal(0)
        if not project.budget
        else budget_value(
            RateTable.load([project.currency]),
            project.budget,
            project.currency,
            planned_start=project.planned_start,
            actual_start=project.actual_start,
        )
    )
    return {
        "monitoring_figures": figures,
        "monitoring_bac": bac,
        "monitoring_alerts": reasons(flagged) if flagged and staff else [],
        "milestones": milestones,
        "reports": reports,
        "risks": list(Risk.objects.filter(project=project)) if staff else [],
        "transactions": transactions,
        "progress_chart": progress_chart(project, milestones, verified),
        "money_chart": money_chart(project) if staff else {},
        "can_report_progress": permissions.can_report_progress(user, project),
        "can_verify_reports": permissions.can_verify_reports(user),
        "can_record_money": permissions.can_record_money(user),
        "monitoring_staff": staff,
        "today_date": timezone.localdate(),
    }
