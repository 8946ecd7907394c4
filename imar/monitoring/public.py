"""What the public sees of a project's implementation (see `imar.core.public`).

Everything here is public only when its project is. Milestones never show their evidence;
money never shows who overrode or recorded it and why; a progress report is public once
verified (drafts, submitted and returned ones stay inside) and a photo only as the resized,
metadata-free copy of a public report's photo, never the original.
"""

from django.db.models import Q, QuerySet

from imar.core.public import public_via


def _report_status():
    # The models import this module for their managers, so the enum is fetched when used.
    from imar.monitoring.models.reports import ReportStatus

    return ReportStatus


class MilestoneQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "project").defer("evidence", "evidence_file")


class TransactionQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "project").defer("override_reason", "override_by", "recorded_by")


class ProgressReportQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self.filter(status=_report_status().VERIFIED), "project")

    def not_others_drafts(self, user) -> QuerySet:
        """What staff read of the reports they may see: all but other people's drafts."""
        return self.filter(~Q(status=_report_status().DRAFT) | Q(reporter=user))


class ReportPhotoQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "report").exclude(public_image="")
