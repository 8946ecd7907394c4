"""What the public sees of donors' activities (see `imar.core.public`).

Donors publish these activities openly to the IATI Registry; the fund shows them again,
credited, when `IMAR_AID_PUBLIC` is on. What is never public: the original XML kept for
provenance, who imported it, the import warnings, and the links to projects that a person
has not confirmed (a confirmed link is public only when its project is).
"""

from django.conf import settings
from django.db.models import QuerySet


class DonorActivityQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return self.all() if settings.IMAR_AID_PUBLIC else self.none()


class DonorTransactionQuerySet(QuerySet):
    def public(self) -> QuerySet:
        from imar.core.public import public_via

        return public_via(self, "activity")


# The fields a public page, the public API or an export may show of an activity.
PUBLIC_ACTIVITY_FIELDS = (
    "iati_identifier", "reporting_org_ref", "reporting_org_name", "titles", "descriptions",
    "status", "start_date", "end_date", "sectors", "recipient_countries", "locations",
    "participating_orgs", "budgets", "results", "documents", "humanitarian", "last_updated",
)  # fmt: skip


def public_links(queryset: QuerySet) -> QuerySet:
    """Confirmed links whose project the public may see (by the project's own rule)."""
    from imar.aid.enums import LinkStatus
    from imar.core.public import public_via

    return public_via(queryset.filter(status=LinkStatus.CONFIRMED), "project")
