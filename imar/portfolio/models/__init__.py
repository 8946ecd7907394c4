"""Portfolio models, one module per idea; import them from here."""

from imar.portfolio.models.documents import DocumentCategory, ProjectDocument
from imar.portfolio.models.figures import ProjectFigures
from imar.portfolio.models.milestones import Milestone
from imar.portfolio.models.money import ExchangeRate, Transaction, TransactionKind
from imar.portfolio.models.projects import (
    Program,
    Project,
    ProjectOrganization,
    StatusChange,
)
from imar.portfolio.models.reports import ProgressReport, ReportPhoto, ReportStatus
from imar.portfolio.models.risks import Risk, RiskCategory, RiskStatus

__all__ = [
    "DocumentCategory",
    "ExchangeRate",
    "Milestone",
    "Program",
    "ProgressReport",
    "Project",
    "ProjectFigures",
    "ProjectDocument",
    "ProjectOrganization",
    "ReportPhoto",
    "ReportStatus",
    "Risk",
    "RiskCategory",
    "RiskStatus",
    "StatusChange",
    "Transaction",
    "TransactionKind",
]
