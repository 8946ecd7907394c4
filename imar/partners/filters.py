"""Filters shared by the staff lists and the API, so a director's query means one thing."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from imar.accounts import permissions
from imar.core.countries import country_choices
from imar.core.search import filter_by_search
from imar.organizations.models import Organization
from imar.partners.enums import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    EngagementKind,
)
from imar.partners.models import ActionItem, Agreement, Engagement
from imar.partners.selectors import expired_q, overdue_q, with_party_country


def _search(queryset, name, value):
    return filter_by_search(queryset, value)


class AgreementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_search)
    country = django_filters.ChoiceFilter(
        label=_("Party country"), choices=country_choices, method="filter_country"
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Party"),
        queryset=lambda request: permissions.visible_organizations(
            getattr(request, "user", None), Organization.objects.all()
        ),
        field_name="parties__organization",
        distinct=True,
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AgreementStatus.choices, method="filter_status"
    )
    engagement = django_filters.ModelChoiceFilter(
        label=_("Signed during"),
        queryset=lambda request: permissions.visible_engagements(
            getattr(request, "user", None), Engagement.objects.all()
        ),
    )
    signed_from = django_filters.DateFilter(
        label=_("Signed from"),
        field_name="signed_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    signed_to = django_filters.DateFilter(
        label=_("Signed until"),
        field_name="signed_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    project = django_filters.CharFilter(
        label=_("Project code"), field_name="projects__code", distinct=True
    )

    class Meta:
        model = Agreement
        fields = ["q", "country", "organization", "kind", "status", "engagement"]

    def filter_country(self, queryset, name, value):
        return with_party_country(queryset, value)

    def filter_status(self, queryset, name, value):
        # "Expired" is derived from the end date; a stored live status may have lapsed.
        if value == AgreementStatus.EXPIRED:
            return queryset.filter(expired_q())
        queryset = queryset.filter(status=value)
        if value in (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE):
            queryset = queryset.exclude(expired_q())
        return queryset


class EngagementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_search)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EngagementKind.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=country_choices,
        field_name="organizations__country",
        distinct=True,
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        field_name="organizations",
        distinct=True,
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="starts_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="starts_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Engagement
        fields = ["q", "kind", "country", "organization"]


class ActionItemFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    engagement = django_filters.ModelChoiceFilter(
        label=_("Engagement"), queryset=Engagement.objects.all()
    )
    owner_organization = django_filters.ModelChoiceFilter(
        label=_("Owner organization"), queryset=Organization.objects.all()
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_from = django_filters.DateFilter(
        label=_("Due from"), field_name="due_on", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(label=_("Due until"), field_name="due_on", lookup_expr="lte")

    class Meta:
        model = ActionItem
        fields = ["status", "engagement", "owner_organization", "owner_user"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())
