"""Monitoring models, one module per idea; import them from here.

They keep the tables they had when portfolio held them (`Meta.db_table`): the move to
this app changed Django's state only, so no row was copied (see migrations/0001).
"""

from imar.monitoring.models.figures import ProjectFigures
from imar.monitoring.models.milestones import Milestone
from imar.monitoring.models.reports import ProgressReport, ReportPhoto, ReportStatus
from imar.monitoring.models.risks import Risk, RiskCategory, RiskStatus
from imar.monitoring.models.transactions import Transaction, TransactionKind

__all__ = [
    "Milestone",
    "ProgressReport",
    "ProjectFigures",
    "ReportPhoto",
    "ReportStatus",
    "Risk",
    "RiskCategory",
    "RiskStatus",
    "Transaction",
    "TransactionKind",
]
