"""Portfolio models, one module per idea; import them from here."""

from imar.portfolio.models.documents import DocumentCategory, ProjectDocument
from imar.portfolio.models.money import ExchangeRate
from imar.portfolio.models.projects import (
    Program,
    Project,
    ProjectOrganization,
    StatusChange,
)

__all__ = [
    "DocumentCategory",
    "ExchangeRate",
    "Program",
    "Project",
    "ProjectDocument",
    "ProjectOrganization",
    "StatusChange",
]
