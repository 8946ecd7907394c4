"""Monitoring's answers to the registry's hooks (connected in apps.MonitoringConfig.ready)."""

from imar.monitoring.figures import refresh_figures
from imar.monitoring.selectors import project_monitoring_context


def project_page_section(*, project, user) -> tuple[str, dict]:
    """The monitoring section of the project page."""
    context = project_monitoring_context(project=project, user=user)
    return "monitoring/_project_monitoring.html", context


def refresh_changed_figures(sender, *, project_ids, **kwargs) -> None:
    """A new budget or plan changes the project's PV and EAC now."""
    refresh_figures(project_ids=project_ids)


def project_history_records(*, project) -> list[tuple]:
    """A project's money, reports, milestones and risks: their events join its history."""
    from imar.monitoring.models import Milestone, ProgressReport, Risk, Transaction

    return [
        (model, model.objects.filter(project=project).values_list("pk", flat=True))
        for model in (Transaction, ProgressReport, Milestone, Risk)
    ]
