"""What the public sees of organizations (see `imar.core.public`); moves with Organization.

An organization is public when a public project names it or it is party to a public
agreement, each by that model's own rule, asked through the reverse relations so this
module imports neither the project registry nor the partners' agreements. Its contacts have
no public queryset at all and its internal notes are never selected.
"""

from django.db.models import Exists, OuterRef, QuerySet

from imar.core.public import related_model


class OrganizationQuerySet(QuerySet):
    def public(self) -> QuerySet:
        projects = related_model(self.model, "projects")._default_manager.public()
        agreements = related_model(self.model, "agreements")._default_manager.public()
        in_public_project = projects.filter(participations__organization=OuterRef("pk"))
        party_to_public_agreement = agreements.filter(parties__organization=OuterRef("pk"))
        return self.filter(Exists(in_public_project) | Exists(party_to_public_agreement)).defer(
            "notes"
        )
