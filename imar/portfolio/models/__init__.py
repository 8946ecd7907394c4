"""Portfolio models, one module per idea; import them from here."""

from imar.portfolio.models.projects import (
    Program,
    Project,
    ProjectOrganization,
    StatusChange,
)

__all__ = ["Program", "Project", "ProjectOrganization", "StatusChange"]
