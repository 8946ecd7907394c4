"""What the public sees of the project registry (see `imar.core.public`).

A project is public when an officer publishes it (`is_public`); a program when at least one
of its projects is public (an all-private program stays unseen); a participation and a
document when their project is public (a document must also be marked public itself).
"""

from django.db.models import Exists, OuterRef, QuerySet

from imar.core.public import public_via, related_model


class ProjectQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.filter(is_public=True)


class ProgramQuerySet(QuerySet):
    def public(self) -> QuerySet:
        projects = related_model(self.model, "projects")._default_manager.public()
        return self.filter(Exists(projects.filter(program=OuterRef("pk"))))


class ProjectOrganizationQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "project")


class ProjectDocumentQuerySet(QuerySet):
    def public(self) -> QuerySet:
        """The file itself stays in private storage, streamed by `portal:document_download`."""
        return public_via(self.filter(is_public=True), "project").defer("uploaded_by")
