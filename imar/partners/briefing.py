"""Reads for the director's printable briefing on one partner country."""

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django_countries import countries

from imar.accounts.permissions import visible_projects
from imar.monitoring.models import Transaction
from imar.partners.enums import OPEN_ACTION_STATUSES, AgreementStatus
from imar.partners.models import ActionItem
from imar.partners.selectors import (
    HOME_COUNTRY,
    actions_list,
    agreements_for,
    agreements_with_party_country,
    committed_by_country,
    projects_covered_by_country,
)
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.models import Project

REGION_FIELDS = (
    "municipality__district__region__code",
    "municipality__district__region__name_ar",
    "municipality__district__region__name_en",
)
ZERO = Value(0, output_field=DecimalField(max_digits=18, decimal_places=2))


def partner_country(code: str | None) -> str | None:
    """The upper-case ISO code if it names a foreign country, else None."""
    code = (code or "").strip().upper()
    if code and code != HOME_COUNTRY and code in dict(countries):
        return code
    return None


def briefing_agreements(country: str, *, user) -> QuerySet:
    """Every agreement with a party from `country` the user may read, newest signing first."""
    return agreements_for(user, agreements_with_party_country(country, user=user)).order_by(
        F("signed_on").desc(nulls_last=True), "reference", "id"
    )


def agreement_counts(agreements: QuerySet) -> dict:
    """Agreements by derived status and signed value by currency (drafts excluded)."""
    by_status = (
        agreements.order_by().values("effective_status").annotate(count=Count("id", distinct=True))
    )
    by_currency = (
        agreements.order_by()
        .filter(value__isnull=False)
        .exclude(status="draft")
        .values("currency")
        .annotate(total=Sum("value"), count=Count("id"))
        .order_by("currency")
    )
    statuses = [
        {"label": AgreementStatus(row["effective_status"]).label, "count": row["count"]}
        for row in by_status.order_by("effective_status")
    ]
    return {"by_status": statuses, "by_currency": list(by_currency)}


def country_money(country: str) -> dict:
    """Committed (reusing committed_by_country) and disbursed LYD from the country's providers."""
    committed = next((row for row in committed_by_country() if row["country"] == country), None)
    disbursed = Transaction.objects.filter(
        kind="disbursement", provider__country=country
    ).aggregate(total=Sum("amount_lyd"))["total"]
    return {
        "committed_lyd": committed["total_lyd"] if committed else None,
        "commitments": committed["count"] if committed else 0,
        "disbursed_lyd": disbursed,
    }


def strategic_projects(country: str, *, user) -> QuerySet:
    """Projects covered by an agreement with the country's partners, cancelled ones left out
    (a cancelled project is no part of what the fund does with a country)."""
    projects = visible_projects(user, Project.objects.exclude(status=ProjectStatus.CANCELLED))
    return projects_covered_by_country(projects, country, user).select_related(
        "municipality__district__region", "figures"
    )


def money_by(projects: QuerySet, *fields: str) -> list[dict]:
    """Budget, committed and disbursed (LYD, from ProjectFigures) grouped by `fields`."""

    # Re-filter by id so the grouping is not disturbed by the DISTINCT of the covered projects.
    return list(
        Project.objects.filter(pk__in=projects.values("pk"))
        .values(*fields)
        .annotate(
            projects=Count("pk"),
            budget_lyd=Coalesce(Sum("figures__budget_lyd"), ZERO),
            committed_lyd=Coalesce(Sum("figures__committed_lyd"), ZERO),
            disbursed_lyd=Coalesce(Sum("figures__disbursed_lyd"), ZERO),
        )
        .order_by(*fields)
    )


def money_total(rows: list[dict]) -> dict:
    """The total line under a money table (a handful of grouped rows, not projects)."""
    keys = ("projects", "budget_lyd", "committed_lyd", "disbursed_lyd")
    return {key: sum(row[key] for row in rows) for key in keys}


def open_follow_ups(country: str, agreements: QuerySet) -> QuerySet:
    """Open actions on those agreements or on engagements with the country's organizations."""
    linked = Q(agreement__in=agreements.values("pk")) | Q(
        engagement__organizations__country=country
    )
    ids = ActionItem.objects.filter(linked, status__in=OPEN_ACTION_STATUSES).values("pk")
    return actions_list(ActionItem.objects.filter(pk__in=ids)).order_by(
        F("due_on").asc(nulls_last=True), "id"
    )


def briefing(country: str, *, user) -> dict:
    """Everything the briefing page shows for one partner country."""
    agreements = briefing_agreements(country, user=user)
    projects = strategic_projects(country, user=user)
    by_sector = money_by(projects, "sector")
    return {
        "agreements": agreements,
        "agreement_counts": agreement_counts(agreements),
        "money": country_money(country),
        "projects": projects,
        "by_sector": by_sector,
        "money_total": money_total(by_sector),
        "by_region": money_by(projects, *REGION_FIELDS),
        "actions": open_follow_ups(country, agreements),
    }
