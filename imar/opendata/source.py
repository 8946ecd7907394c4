"""The rows every exporter reads: public projects, filtered, fetched in chunks.

`.iterator(chunk_size=...)` keeps memory flat; Django runs the prefetches once per chunk,
so organizations cost one query per chunk, not one per project.
"""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from imar.portal.filters import filter_public_projects
from imar.portal.public import (
    public_milestones,
    public_participations,
    public_projects,
    public_transactions,
)
from imar.portfolio.models import Project

CHUNK_SIZE = 1000
# What exporters read of an organization (its notes, logo and sector list stay unread).
ORGANIZATION_FIELDS = ("name_ar", "name_en", "kind", "country", "iati_identifier")


class ExportFilterError(ValueError):
    """The filters are wrong; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()))


def export_projects(params=None) -> QuerySet[Project]:
    """Public projects matching the portal's filters, with what exporters read joined in."""
    queryset, filterset = filter_public_projects(public_projects(), params or {})
    if filterset.errors:
        raise ExportFilterError({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    participations = (
        public_participations()
        .select_related("organization")
        .only("project_id", "role", *(f"organization__{f}" for f in ORGANIZATION_FIELDS))
        .order_by("id")
    )
    transactions = (
        public_transactions()
        .select_related("provider", "receiver")
        .only(
            "project_id",
            "kind",
            "date",
            "amount",
            "currency",
            "amount_lyd",
            *(f"{side}__{f}" for side in ("provider", "receiver") for f in ORGANIZATION_FIELDS),
        )
        .order_by("date", "id")
    )
    milestones = (
        public_milestones()
        .only("project_id", "name_ar", "name_en", "planned_date", "actual_date")
        .order_by("planned_date", "id")
    )
    return (
        queryset.select_related("municipality__district__region", "program", "figures")
        # The district boundary is a large JSON document no exporter reads.
        .defer(
            "search_text",
            "municipality__search_text",
            "municipality__district__geometry",
            "municipality__district__search_text",
            "municipality__district__region__search_text",
            "program__description_ar",
            "program__description_en",
            "program__search_text",
        )
        .prefetch_related(
            Prefetch("participations", queryset=participations),
            Prefetch("transactions", queryset=transactions, to_attr="public_transactions"),
            Prefetch("milestones", queryset=milestones, to_attr="public_milestones"),
        )
        .order_by("code")
    )


def iter_projects(queryset: QuerySet[Project]) -> Iterator[Project]:
    yield from queryset.iterator(chunk_size=CHUNK_SIZE)


def fund_identifier() -> str:
    return settings.IMAR_FUND_IATI_ID


def project_identifier(project: Project) -> str:
    """The globally unique activity/project identifier: `<fund IATI id>-<project code>`."""
    return f"{settings.IMAR_FUND_IATI_ID}-{project.code}"
