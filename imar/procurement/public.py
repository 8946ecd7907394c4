"""What the public sees of procurement (see `imar.core.public`). The documented rule:

- A contracting process is public when its project is public and its tender has been
  opened (a process still in planning, or cancelled before its tender opened, stays inside).
- Its tender (title, description, method and its justification, periods, eligibility, the
  procuring entity) is public from then on.
- Bids (bidders, values, dates, statuses and reasons) and the tender and award documents
  stay private until the award is published (the process reaches "awarded" or later); then
  they are public, except documents marked "never public".
- A published OCDS release is public when its process is: releases are written with this
  rule already applied (`exports/ocds/releases.py`), so what was published stays as it was.
- Flag reviews, exemptions' authors and who recorded anything are never public.
"""

from django.db.models import QuerySet

from imar.core.public import public_via


def _enums():
    # The models import this module for their managers, so the enums are fetched when used.
    from imar.procurement import enums

    return enums


class ProcessQuerySet(QuerySet):
    def public(self) -> QuerySet:
        enums = _enums()
        opened = self.exclude(status=enums.ProcessStatus.PLANNING).exclude(
            status=enums.ProcessStatus.CANCELLED, tender_start__isnull=True
        )
        return public_via(opened, "project")

    def award_published(self) -> QuerySet:
        """Processes whose bids and documents are public (their award is published)."""
        return self.public().filter(status__in=_enums().AWARD_PUBLISHED_STATUSES)


class ReleaseQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "process")


def bid_details_public(process) -> bool:
    """The rule above for one process the caller already knows to be public."""
    return process.status in _enums().AWARD_PUBLISHED_STATUSES
