"""What the public sees of the forum (see `imar.core.public`).

Events and their sessions are public; a showcase item only when its portfolio project is
public (a private project is never on show); participants (delegates, their organizations'
registrations) are the organizers' and each delegate's own, never public.
"""

from django.db.models import QuerySet

from imar.core.public import public_via


class EventQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.all()


class ShowcaseQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "project")


class ParticipantQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.none()
