"""What the public sees of partners' relations (see `imar.core.public`).

An agreement is public when marked so (not confidential); engagements (visits, meetings,
delegations and what they decided) are head office's and never public.
"""

from django.db.models import QuerySet


class AgreementQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.filter(is_public=True)


class EngagementQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.none()
