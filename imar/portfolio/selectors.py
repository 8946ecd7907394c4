"""Reads of the portfolio registry."""

from django.db.models import QuerySet

from imar.accounts.permissions import visible_projects
from imar.portfolio.models import Project


def project_list(*, user) -> QuerySet[Project]:
    """Projects the user may see, with what a list row shows joined in (no N+1)."""
    queryset = Project.objects.select_related("municipality__district__region", "program").order_by(
        "code"
    )
    return visible_projects(user, queryset)


def project_detail(*, user, code: str) -> Project:
    """The project with its organizations and history; raises Project.DoesNotExist if hidden."""
    return (
        project_list(user=user)
        .prefetch_related("participations__organization", "status_changes__changed_by")
        .get(code=code)
    )
