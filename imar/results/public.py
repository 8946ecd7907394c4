"""What the public sees of results (see `imar.core.public`).

The catalogue is public. An indicator is public when its project (or program) is, by that
model's own rule. A period is public once approved (drafts, submitted and returned periods
stay inside, and nobody outside sees who reported or approved it or why it was returned);
its disaggregation with it; evidence only as the resized, metadata-free copy of a public
period's photo (documents and originals stay in private storage).
"""

from django.db.models import Q, QuerySet

from imar.core.public import public_via, related_model

APPROVED = "approved"  # PeriodStatus.APPROVED; the models import this module


class StandardIndicatorQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.all()


class IndicatorQuerySet(QuerySet):
    def public(self) -> QuerySet:
        projects = related_model(self.model, "project")._default_manager.public()
        programs = related_model(self.model, "program")._default_manager.public()
        return self.filter(Q(project__in=projects) | Q(program__in=programs)).defer("created_by")


class PeriodQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self.filter(status=APPROVED), "indicator").defer(
            "return_reason", "reported_by", "approved_by"
        )


class DisaggregationQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "period")


class EvidenceQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self.filter(kind="photo"), "period").exclude(public_image="")
