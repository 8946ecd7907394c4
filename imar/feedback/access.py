"""Who sees and handles citizens' cases (on top of `imar.accounts.permissions`).

- Sensitive cases (misuse of money) go to the restricted role: only the auditor (and the
  administrator) see and handle them, whatever the district.
- Other cases: head office reads all; a regional engineer reads and handles their
  districts'; fund officers (and the administrator) handle all. The finance officer reads.
- Anyone else sees nothing here: the public reads `.public()`, the reporter their own case
  through the tracking code.
"""

from django.db.models import QuerySet

from imar.accounts.models import Role
from imar.accounts.permissions import (
    AUDIT_ROLES,
    OFFICER_ROLES,
    district_ids_of,
    is_head_office,
    is_staff_member,
    role_of,
)
from imar.feedback.enums import SENSITIVE_CATEGORIES


def sees_sensitive(user) -> bool:
    return role_of(user) in AUDIT_ROLES


def visible_cases(user, queryset: QuerySet) -> QuerySet:
    if not is_staff_member(user):
        return queryset.none()
    if not sees_sensitive(user):
        queryset = queryset.not_sensitive()
    if is_head_office(user):
        return queryset
    return queryset.filter(project__municipality__district_id__in=district_ids_of(user))


def can_see(user, case) -> bool:
    return visible_cases(user, type(case).objects.filter(pk=case.pk)).exists()


def can_handle(user, case) -> bool:
    """Triage, assign, note, answer, moderate and move the case."""
    role = role_of(user)
    if case.category in SENSITIVE_CATEGORIES:
        return role in AUDIT_ROLES
    if role in OFFICER_ROLES:
        return True
    if role == Role.REGIONAL_ENGINEER:
        return case.project.municipality.district_id in district_ids_of(user)
    return False


def handlers(queryset: QuerySet, case) -> QuerySet:
    """Users a case may be assigned to (a queryset of users with profiles)."""
    if case.category in SENSITIVE_CATEGORIES:
        return queryset.filter(profile__role=Role.AUDITOR) | queryset.filter(is_superuser=True)
    district = case.project.municipality.district_id
    return (
        queryset.filter(profile__role__in=[Role.FUND_OFFICER, Role.ADMINISTRATOR])
        | queryset.filter(profile__role=Role.REGIONAL_ENGINEER, profile__districts=district)
        | queryset.filter(is_superuser=True)
    ).distinct()
