"""What the public may see of citizens' cases: the one rule, asked by every public door.

A case leaves only when a moderator published it, its project is public (by the project's
own rule), and, for a sensitive category (misuse of money), once it is decided. Even then
only its moderated text and the fund's answer leave: the reporter's own words, contact,
location, photos' positions and the internal notes never do (see `PUBLIC_FIELDS`).
Counts on the public pages count the cases the public may know exist (`.countable()`):
every case of a public project but sensitive ones still undecided.
"""

from django.db.models import Q, QuerySet

from imar.core.public import public_via
from imar.feedback.enums import DECIDED_STATUSES, SENSITIVE_CATEGORIES

# The only fields of a case a public page, export or API may show.
PUBLIC_FIELDS = (
    "category", "status", "received_at", "answered_at", "public_text",
    "answer_ar", "answer_en", "decided_at",
)  # fmt: skip


def _not_hidden() -> Q:
    return ~Q(category__in=SENSITIVE_CATEGORIES) | Q(status__in=DECIDED_STATUSES)


class CaseQuerySet(QuerySet):
    def countable(self) -> QuerySet:
        return public_via(self, "project").filter(_not_hidden())

    def public(self) -> QuerySet:
        return self.countable().filter(is_published=True)

    def sensitive(self) -> QuerySet:
        return self.filter(category__in=SENSITIVE_CATEGORIES)

    def not_sensitive(self) -> QuerySet:
        return self.exclude(category__in=SENSITIVE_CATEGORIES)


class CasePhotoQuerySet(QuerySet):
    def public(self) -> QuerySet:
        return public_via(self, "case").filter(is_public=True)
