"""Reads of the partners app: derived statuses, the coordination page and partner pages."""

from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone

from imar.accounts.permissions import (
    can_read_organization_private,
    visible_actions,
    visible_agreements,
    visible_engagements,
    visible_projects,
    visible_related,
)
from imar.monitoring.models import Transaction
from imar.organizations.models import Organization
from imar.partners.enums import (
    LIVE_AGREEMENT_STATUSES,
    OPEN_ACTION_STATUSES,
    AgreementStatus,
)
from imar.partners.models import ActionItem, Agreement, AgreementParty, Engagement
from imar.portfolio.models import Project, ProjectOrganization

HOME_COUNTRY = "LY"


def today() -> date:
    return timezone.localdate()


def expired_q(on: date | None = None) -> Q:
    """A signed or in-force agreement whose end date has passed has expired."""
    return Q(status__in=LIVE_AGREEMENT_STATUSES, ends_on__lt=on or today())


def with_effective_status(queryset: QuerySet, on: date | None = None) -> QuerySet:
    return queryset.annotate(
        effective_status=Case(
            When(expired_q(on), then=Value(AgreementStatus.EXPIRED.value)),
            default="status",
            output_field=CharField(),
        )
    )


def agreements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The agreements a user may read, with what list pages and the API show of each; each
    carries `visible_project_list`, the covered projects this user may read."""

    queryset = Agreement.objects.all() if queryset is None else queryset
    parties = AgreementParty.objects.select_related("organization")
    projects = visible_projects(user, Project.objects.select_related("municipality"))
    return with_effective_status(
        visible_agreements(user, queryset)
        .select_related("engagement")
        .prefetch_related(
            Prefetch("parties", queryset=parties),
            Prefetch(
                "projects", queryset=projects.order_by("code"), to_attr="visible_project_list"
            ),
        )
    )


def with_party_country(queryset: QuerySet, country: str) -> QuerySet:
    """Agreements with at least one party from `country` (one row each, no join duplicates)."""
    parties = AgreementParty.objects.filter(
        agreement=OuterRef("pk"), organization__country=country.upper()
    )
    return queryset.filter(Exists(parties))


def agreements_with_party_country(country: str, *, user=None) -> QuerySet:
    """Agreements with a party from `country` that `user` may see (public ones if None)."""
    return visible_agreements(user, with_party_country(Agreement.objects.all(), country))


def projects_covered_by_country(projects: QuerySet, country: str, user=None) -> QuerySet:
    """Projects covered by an agreement with a party from `country`."""
    agreements = with_party_country(Agreement.objects.all(), country)
    if user is not None:
        agreements = visible_agreements(user, agreements)
    return projects.filter(agreements__in=agreements).distinct()


def overdue_q(on: date | None = None) -> Q:
    return Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=on or today())


def with_overdue(queryset: QuerySet, on: date | None = None) -> QuerySet:
    return queryset.annotate(
        is_overdue=Case(When(overdue_q(on), then=Value(True)), default=Value(False))
    )


def actions_list(queryset: QuerySet | None = None) -> QuerySet:
    queryset = ActionItem.objects.all() if queryset is None else queryset
    return with_overdue(
        queryset.select_related(
            "engagement", "owner_user", "owner_organization", "agreement", "project"
        )
    )


def open_actions() -> QuerySet:
    """Open actions by owner, then due date (no due date last)."""
    return actions_list(ActionItem.objects.filter(status__in=OPEN_ACTION_STATUSES)).order_by(
        "owner_organization__name_en",
        "owner_user__username",
        "due_on",
        "id",
    )


def expiring_agreements(*, within_days: int = 90, on: date | None = None) -> QuerySet:
    start = on or today()
    return (
        agreements_for_staff()
        .filter(
            status__in=LIVE_AGREEMENT_STATUSES,
            ends_on__gte=start,
            ends_on__lte=start + timedelta(days=within_days),
        )
        .order_by("ends_on")
    )


def agreements_for_staff() -> QuerySet:
    parties = AgreementParty.objects.select_related("organization")
    return with_effective_status(
        Agreement.objects.select_related("engagement").prefetch_related(
            Prefetch("parties", queryset=parties)
        )
    )


def engagements_around(*, days: int = 30, on: date | None = None) -> tuple[QuerySet, QuerySet]:
    """(engagements in the last `days`, engagements in the next `days`)."""
    start = on or today()
    base = Engagement.objects.annotate(
        action_count=Count("actions", distinct=True),
        agreement_count=Count("agreements", distinct=True),
    )
    recent = base.filter(starts_on__gte=start - timedelta(days=days), starts_on__lt=start).order_by(
        "-starts_on"
    )
    upcoming = base.filter(
        starts_on__gte=start, starts_on__lte=start + timedelta(days=days)
    ).order_by("starts_on")
    return recent, upcoming


def agreements_per_country_year() -> list[dict]:
    """Signed agreements counted per partner country (not Libya) and signing year."""
    rows = (
        AgreementParty.objects.filter(agreement__signed_on__isnull=False)
        .exclude(organization__country=HOME_COUNTRY)
        .annotate(year=ExtractYear("agreement__signed_on"))
        .values("organization__country", "year")
        .annotate(agreements=Count("agreement", distinct=True))
        .order_by("organization__country", "year")
    )
    return [
        {"country": row["organization__country"], "year": row["year"], "count": row["agreements"]}
        for row in rows
    ]


def agreement_value_by_country() -> list[dict]:
    """Value of signed agreements per partner country and currency (never mixed)."""
    rows = (
        AgreementParty.objects.filter(agreement__value__isnull=False)
        .exclude(agreement__status=AgreementStatus.DRAFT)
        .exclude(organization__country=HOME_COUNTRY)
        .values("organization__country", "agreement__currency")
        .annotate(total=Sum("agreement__value"), agreements=Count("agreement", distinct=True))
        .order_by("organization__country", "agreement__currency")
    )
    return [
        {
            "country": row["organization__country"],
            "currency": row["agreement__currency"],
            "total": row["total"],
            "count": row["agreements"],
        }
        for row in rows
    ]


def committed_by_country() -> list[dict]:
    """Money committed (commitment transactions) per foreign provider country, in LYD at
    the transaction's own rate, so countries that pay in different currencies compare."""
    rows = (
        Transaction.objects.filter(kind="commitment", provider__isnull=False)
        .exclude(provider__country=HOME_COUNTRY)
        .values("provider__country")
        .annotate(total_lyd=Sum("amount_lyd"), count=Count("id"))
        .order_by("-total_lyd")
    )
    return [
        {"country": row["provider__country"], "total_lyd": row["total_lyd"], "count": row["count"]}
        for row in rows
    ]


def organization_money(organization: Organization, user=None) -> list[dict]:
    """What an organization committed and disbursed as provider, per currency (on the
    projects `user` may read, when given)."""
    transactions = Transaction.objects.all()
    if user is not None:
        transactions = visible_related(user, transactions)
    rows = (
        transactions.filter(provider=organization, kind__in=["commitment", "disbursement"])
        .values("currency")
        .annotate(
            committed=Sum("amount", filter=Q(kind="commitment")),
            disbursed=Sum("amount", filter=Q(kind="disbursement")),
            committed_lyd=Sum("amount_lyd", filter=Q(kind="commitment")),
            disbursed_lyd=Sum("amount_lyd", filter=Q(kind="disbursement")),
        )
        .order_by("currency")
    )
    return list(rows)


def organization_page(organization: Organization, user) -> dict:
    """Everything the partner page shows about one organization, as far as `user` may read:
    agreements, projects and money of their reach only; contacts where allowed."""

    agreements = agreements_for(user).filter(parties__organization=organization).distinct()
    participations = (
        visible_related(user, ProjectOrganization.objects.filter(organization=organization))
        .select_related("project", "project__municipality")
        .order_by("role", "project__code")
    )
    engagements = visible_engagements(user, organization.engagements.order_by("-starts_on"))
    actions = visible_actions(
        user,
        open_actions()
        .filter(
            Q(owner_organization=organization)
            | Q(engagement__organizations=organization)
            | Q(agreement__parties__organization=organization)
        )
        .distinct(),
    )
    private = can_read_organization_private(user, organization)
    return {
        "agreements": agreements,
        "participations": participations,
        "engagements": engagements,
        "open_actions": actions,
        "money": organization_money(organization, user),
        "contacts": organization.contacts.all() if private else [],
        "private_readable": private,
    }
