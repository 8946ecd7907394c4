"""What the public sees of damage, needs and planning (see `imar.core.public`).

Assessments and their damage records are published figures (an assessment's internal notes
are never selected); a scoring model is public once published with the scenarios' results.
"""

from django.db.models import QuerySet


class AssessmentQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.defer("notes")


class DamageRecordQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.all()


class ScoringModelQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.filter(is_published=True)
