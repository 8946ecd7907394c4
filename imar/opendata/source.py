"""Which projects an export holds: the public ones, through the portal's filters.

Exporters read them as typed records built from plain rows in chunks (`records.py`), so
memory stays flat whatever the number of projects.
"""

from django.conf import settings
from django.db.models import QuerySet

from imar.portfolio.filters import filter_public_projects
from imar.portfolio.models import Project


class ExportFilterError(ValueError):
    """The filters are wrong; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()))


def export_projects(params=None) -> QuerySet[Project]:
    """Public projects matching the portal's filters, in code order."""
    queryset, filterset = filter_public_projects(Project.objects.public(), params or {})
    if filterset.errors:
        raise ExportFilterError({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    return queryset.order_by("code")


def fund_identifier() -> str:
    return settings.IMAR_FUND_IATI_ID


def identifier_of(code: str) -> str:
    """The globally unique activity/project identifier: `<fund IATI id>-<project code>`."""
    return f"{fund_identifier()}-{code}"


def project_identifier(project) -> str:
    return identifier_of(project.code)
