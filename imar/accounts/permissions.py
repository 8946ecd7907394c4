"""Who may see and do what: the one place views, the API, exports and the admin ask.

Roles as a fund runs them:

- administrator: everything, and the Django admin;
- fund officer: the whole country; the officer decisions (every lifecycle move, cancelling,
  publishing and re-coding a project), partners, planning, the forum, verification, money;
- finance officer: reads the whole country and records money (commitments, disbursements,
  expenditures, exchange rates); moves no lifecycle and edits no project field;
- regional engineer: reads and writes only inside their districts: edits projects, reports
  progress, milestones and risks, suspends and resumes, but never cancels, publishes or
  re-codes; partners' data only where it touches their districts;
- auditor: reads the whole country, changes nothing; the audit trail;
- partner (a forum delegate): their own forum space; otherwise what the public sees;
- anyone else, anonymous included: public data only, through each model's `.public()`.

This module imports no domain app: it is handed querysets and asks them (`.public()`, the
relations of their model), so the domain's rule stays in the domain (`imar.core.public`).
"""

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from rest_framework.permissions import SAFE_METHODS, BasePermission

from imar.accounts.models import Role
from imar.core.public import public_via, related_model

OFFICER_ROLES = frozenset({Role.ADMINISTRATOR, Role.FUND_OFFICER})
# Head office reads the whole country; the engineer is the only role scoped to districts.
HEAD_OFFICE_ROLES = OFFICER_ROLES | {Role.FINANCE, Role.AUDITOR}
STAFF_ROLES = HEAD_OFFICE_ROLES | {Role.REGIONAL_ENGINEER}
# Edit project fields and report on implementation (progress, milestones, risks).
EDITOR_ROLES = OFFICER_ROLES | {Role.REGIONAL_ENGINEER}
MONEY_ROLES = OFFICER_ROLES | {Role.FINANCE}
AUDIT_ROLES = frozenset({Role.ADMINISTRATOR, Role.AUDITOR})

# Project fields only an officer changes: publishing and the code the public cites.
OFFICER_PROJECT_FIELDS = ("code", "is_public")


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else None


def is_staff_member(user) -> bool:
    return role_of(user) in STAFF_ROLES


def is_head_office(user) -> bool:
    """Reads the whole country (everyone on the staff but the regional engineer)."""
    return role_of(user) in HEAD_OFFICE_ROLES


def is_officer(user) -> bool:
    return role_of(user) in OFFICER_ROLES


def can_edit(user) -> bool:
    """May edit projects and report on their implementation at all (district rules apply)."""
    return role_of(user) in EDITOR_ROLES


def can_read_audit_trail(user) -> bool:
    return role_of(user) in AUDIT_ROLES


def district_ids_of(user) -> set[int] | None:
    """The districts a user is limited to, or None for the whole country."""
    if role_of(user) != Role.REGIONAL_ENGINEER:
        return None
    cache = getattr(user, "_imar_district_ids", None)
    if cache is None:
        cache = set(user.profile.districts.values_list("id", flat=True))
        user._imar_district_ids = cache
    return cache


# ---- projects and what hangs off them ------------------------------------------------------


def visible_projects(user, queryset: QuerySet) -> QuerySet:
    """Projects a user may read: head office all, engineers their districts', others the
    public ones."""
    if is_head_office(user):
        return queryset
    if role_of(user) == Role.REGIONAL_ENGINEER:
        return queryset.filter(municipality__district_id__in=district_ids_of(user))
    return queryset.public()


def visible_related(user, queryset: QuerySet, *, via: str = "project") -> QuerySet:
    """Rows that belong to a project (milestones, money, risks, documents, appraisals): those
    of projects the user may read. Callers decide whether the public reads them at all."""
    if is_head_office(user):
        return queryset
    if role_of(user) == Role.REGIONAL_ENGINEER:
        return queryset.filter(**{f"{via}__municipality__district_id__in": district_ids_of(user)})
    return public_via(queryset, via)


def visible_milestones(user, queryset: QuerySet) -> QuerySet:
    """Milestones: staff by project; everyone else the public ones (never their evidence)."""
    if is_staff_member(user):
        return visible_related(user, queryset)
    return queryset.public()


def visible_reports(user, queryset: QuerySet) -> QuerySet:
    """Progress reports: verified reports of public projects for everyone; staff see their
    projects' submitted, verified and returned reports and their own drafts."""
    if not is_staff_member(user):
        return queryset.public()
    return visible_related(user, queryset).not_others_drafts(user)


def visible_programs(user, queryset: QuerySet) -> QuerySet:
    """Programs: head office all; others those with a project they may read."""
    if is_head_office(user):
        return queryset
    projects = related_model(queryset.model, "projects")._default_manager
    projects = visible_projects(user, projects.filter(program=OuterRef("pk")))
    return queryset.filter(Exists(projects))


def can_edit_project(user, project) -> bool:
    role = role_of(user)
    if role in OFFICER_ROLES:
        return True
    if role == Role.REGIONAL_ENGINEER:
        return project.municipality.district_id in district_ids_of(user)
    return False


def can_create_project(user) -> bool:
    return role_of(user) in OFFICER_ROLES


def can_publish_project(user) -> bool:
    """Publishes, unpublishes and re-codes projects (`OFFICER_PROJECT_FIELDS`)."""
    return role_of(user) in OFFICER_ROLES


def project_fields_refused(user, project, fields: dict) -> list[str]:
    """The officer-only fields that `fields` would change and `user` may not change."""
    if can_publish_project(user):
        return []
    return [
        name
        for name in OFFICER_PROJECT_FIELDS
        if name in fields and fields[name] != getattr(project, name)
    ]


def can_plan_allocations(user) -> bool:
    """Creates, runs and approves budget scenarios, scoring models and needs imports."""
    return role_of(user) in OFFICER_ROLES


def can_read_scenarios(user) -> bool:
    """Scenarios weigh projects of the whole country: head office reads them."""
    return is_head_office(user)


def can_transition_project(user, project, to_status: str) -> bool:
    """Officers move projects through the lifecycle; engineers may only suspend projects in
    their districts and resume them (a security incident cannot wait for head office), never
    cancel them: cancelling is an officer decision."""
    role = role_of(user)
    if role in OFFICER_ROLES:
        return True
    if role == Role.REGIONAL_ENGINEER and can_edit_project(user, project):
        return project.is_safety_move(to_status)
    return False


# ---- implementation monitoring ---------------------------------------------------------------


def can_report_progress(user, project) -> bool:
    """Writes progress reports, milestones and risks: officers, and engineers in their districts."""
    return can_edit_project(user, project)


def can_verify_reports(user) -> bool:
    """Verifies or returns submitted progress reports (head office)."""
    return role_of(user) in OFFICER_ROLES


def can_record_money(user) -> bool:
    """Records commitments, disbursements, expenditures and exchange rates (finance)."""
    return role_of(user) in MONEY_ROLES


# ---- partners ----------------------------------------------------------------------------------


def can_manage_partners(user) -> bool:
    """Records organizations, agreements, engagements and their follow-up actions."""
    return role_of(user) in OFFICER_ROLES


def can_read_partner_relations(user) -> bool:
    """Engagements, the coordination page and country briefings are head office's."""
    return is_head_office(user)


def _covers_district_project(user, agreements: QuerySet, outer: str = "pk"):
    return Exists(
        agreements.model.projects.through.objects.filter(
            agreement=OuterRef(outer),
            project__municipality__district_id__in=district_ids_of(user),
        )
    )


def visible_agreements(user, queryset: QuerySet) -> QuerySet:
    """Agreements: head office all; engineers the public ones and those covering a project of
    their districts; everyone else the public ones."""
    if is_head_office(user):
        return queryset
    if role_of(user) == Role.REGIONAL_ENGINEER:
        public = Q(pk__in=queryset.public().values("pk"))
        return queryset.filter(public | _covers_district_project(user, queryset))
    return queryset.public()


def visible_organizations(user, queryset: QuerySet) -> QuerySet:
    """Organizations: head office all (pending forum registrants included); engineers the
    public ones, those in a project of their districts and parties to agreements they read;
    everyone else the public ones."""
    if is_head_office(user):
        return queryset
    public = Q(pk__in=queryset.model._default_manager.public().values("pk"))
    if role_of(user) != Role.REGIONAL_ENGINEER:
        return queryset.filter(public)
    agreements = related_model(queryset.model, "agreements")._default_manager.all()
    agreements = visible_agreements(user, agreements)
    party = related_model(queryset.model, "agreement_parties")._default_manager.filter(
        organization=OuterRef("pk"), agreement__in=agreements
    )
    takes_part = _takes_part_in_district(user, queryset.model)
    return queryset.filter(public | Exists(party) | takes_part)


def _takes_part_in_district(user, organization_model, outer: str = "pk"):
    participations = related_model(organization_model, "participations")._default_manager
    return Exists(
        participations.filter(
            organization=OuterRef(outer),
            project__municipality__district_id__in=district_ids_of(user),
        )
    )


def with_private_access(user, queryset: QuerySet) -> QuerySet:
    """Organizations annotated with `private_readable`: may `user` read their contacts and
    internal notes? Head office always; engineers for organizations working on a project in
    their districts; nobody else."""
    if is_head_office(user):
        readable = Value(True, output_field=BooleanField())
    elif role_of(user) == Role.REGIONAL_ENGINEER:
        readable = _takes_part_in_district(user, queryset.model)
    else:
        readable = Value(False, output_field=BooleanField())
    return queryset.annotate(private_readable=readable)


def can_read_organization_private(user, organization) -> bool:
    if is_head_office(user):
        return True
    organizations = type(organization)._default_manager.filter(pk=organization.pk)
    one = with_private_access(user, organizations)
    return bool(one.values_list("private_readable", flat=True).first())


def visible_engagements(user, queryset: QuerySet) -> QuerySet:
    return queryset if can_read_partner_relations(user) else queryset.none()


def visible_actions(user, queryset: QuerySet) -> QuerySet:
    """Follow-up actions: head office all; engineers those they own or about a project of
    their districts."""
    if is_head_office(user):
        return queryset
    if role_of(user) == Role.REGIONAL_ENGINEER:
        return queryset.filter(
            Q(owner_user=user) | Q(project__municipality__district_id__in=district_ids_of(user))
        )
    return queryset.none()


# ---- the forum -----------------------------------------------------------------------------------


def is_forum_organizer(user) -> bool:
    """Runs forum events: registrations, showcase, requests, schedule, check-in, leads."""
    return role_of(user) in OFFICER_ROLES


# ---- API permission classes: who may call an endpoint at all (querysets narrow what) ----------


class RolePermission(BasePermission):
    """Reads (GET, HEAD, OPTIONS) ask `read(user)`, writes ask `write(user)`."""

    @staticmethod
    def read(user) -> bool:
        return True

    @staticmethod
    def write(user) -> bool:
        return False

    def has_permission(self, request, view) -> bool:
        check = self.read if request.method in SAFE_METHODS else self.write
        return bool(check(request.user))


class StaffWriteOrReadOnly(RolePermission):
    """API default: anyone may read (querysets and serializers narrow what to public data for
    the public), only editors write."""

    write = staticmethod(can_edit)


class PublicReadOfficersWrite(RolePermission):
    write = staticmethod(can_manage_partners)


class PublicReadMoneyWrite(RolePermission):
    write = staticmethod(can_record_money)


class PublicReadOrganizersWrite(RolePermission):
    write = staticmethod(is_forum_organizer)


class PublicReadPlannersWrite(RolePermission):
    write = staticmethod(can_plan_allocations)


class StaffReadEditorsWrite(RolePermission):
    read = staticmethod(is_staff_member)
    write = staticmethod(can_edit)


class StaffReadMoneyWrite(RolePermission):
    read = staticmethod(is_staff_member)
    write = staticmethod(can_record_money)


class StaffReadPlannersWrite(RolePermission):
    read = staticmethod(is_staff_member)
    write = staticmethod(can_plan_allocations)


class StaffReadOfficersWrite(RolePermission):
    read = staticmethod(is_staff_member)
    write = staticmethod(can_manage_partners)


class HeadOfficeReadOfficersWrite(RolePermission):
    read = staticmethod(can_read_partner_relations)
    write = staticmethod(can_manage_partners)


class HeadOfficeReadPlannersWrite(RolePermission):
    read = staticmethod(can_read_scenarios)
    write = staticmethod(can_plan_allocations)


class StaffOnly(RolePermission):
    read = staticmethod(is_staff_member)
    write = staticmethod(is_staff_member)
