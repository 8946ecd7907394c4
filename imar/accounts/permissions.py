"""Who may see and do what: the one place views, the API, exports and the admin ask."""

from django.db.models import QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from imar.accounts.models import Role

STAFF_ROLES = {Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.REGIONAL_ENGINEER, Role.AUDITOR}
EDITOR_ROLES = {Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.REGIONAL_ENGINEER}


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else None


def is_staff_member(user) -> bool:
    return role_of(user) in STAFF_ROLES


def can_edit(user) -> bool:
    """May write to the portfolio at all (the auditor reads only)."""
    return role_of(user) in EDITOR_ROLES


def district_ids_of(user) -> set[int] | None:
    """The districts a user is limited to, or None for the whole country."""
    if role_of(user) != Role.REGIONAL_ENGINEER:
        return None
    cache = getattr(user, "_imar_district_ids", None)
    if cache is None:
        cache = set(user.profile.districts.values_list("id", flat=True))
        user._imar_district_ids = cache
    return cache


def visible_projects(user, queryset: QuerySet) -> QuerySet:
    """Projects a user may read: public ones for everyone, more for staff."""
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.FUND_OFFICER, Role.AUDITOR):
        return queryset
    if role == Role.REGIONAL_ENGINEER:
        return queryset.filter(municipality__district_id__in=district_ids_of(user))
    return queryset.filter(is_public=True)


def can_edit_project(user, project) -> bool:
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.FUND_OFFICER):
        return True
    if role == Role.REGIONAL_ENGINEER:
        return project.municipality.district_id in district_ids_of(user)
    return False


def can_create_project(user) -> bool:
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


def can_plan_allocations(user) -> bool:
    """Creates, runs and approves budget scenarios, scoring models and needs imports."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


def can_transition_project(user, project, to_status: str) -> bool:
    """Officers move projects through the lifecycle; engineers may only suspend and resume
    projects in their districts (a security incident cannot wait for head office)."""
    from imar.portfolio.enums import ProjectStatus

    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.FUND_OFFICER):
        return True
    if role == Role.REGIONAL_ENGINEER and can_edit_project(user, project):
        return to_status == ProjectStatus.SUSPENDED or project.status == ProjectStatus.SUSPENDED
    return False


def can_manage_partners(user) -> bool:
    """Records organizations, agreements, engagements and their follow-up actions."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


def visible_agreements(user, queryset: QuerySet) -> QuerySet:
    """Agreements a user may read: public ones for everyone, confidential ones for staff."""
    if is_staff_member(user):
        return queryset
    return queryset.filter(is_public=True)


def is_forum_organizer(user) -> bool:
    """Runs forum events: registrations, showcase, requests, schedule, check-in, leads."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


class StaffWriteOrReadOnly(BasePermission):
    """API default: anyone may read (querysets narrow what), only editors may write."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_edit(request.user)


class StaffOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_staff_member(request.user)


# Implementation monitoring (progress reports, money, risks).


def can_report_progress(user, project) -> bool:
    """Writes progress reports, milestones and risks: officers, and engineers in their districts."""
    return can_edit_project(user, project)


def can_verify_reports(user) -> bool:
    """Verifies or returns submitted progress reports (head office)."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


def can_record_money(user) -> bool:
    """Records commitments, disbursements, expenditures and exchange rates (finance)."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.FUND_OFFICER)


def visible_reports(user, queryset: QuerySet) -> QuerySet:
    """Progress reports a user may read: verified reports of public projects for everyone;
    staff see their projects' submitted, verified and returned reports and their own drafts."""
    role = role_of(user)
    if role not in STAFF_ROLES:
        return queryset.filter(status="verified", project__is_public=True)
    if role == Role.REGIONAL_ENGINEER:
        queryset = queryset.filter(project__municipality__district_id__in=district_ids_of(user))
    from django.db.models import Q

    return queryset.filter(~Q(status="draft") | Q(reporter=user))
