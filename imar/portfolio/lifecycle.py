"""The project lifecycle: which transitions exist, what each requires, and the one service
that performs them. Views, the API, the admin and scenario approval all call
`project_transition`; nothing else writes `Project.status`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.portfolio import extensions
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.models import Project, StatusChange

S = ProjectStatus

# The forward path; suspension and cancellation are handled separately.
FORWARD = {
    S.IDENTIFIED: S.APPRAISED,
    S.APPRAISED: S.APPROVED,
    S.APPROVED: S.PROCUREMENT,
    S.PROCUREMENT: S.IMPLEMENTATION,
    S.IMPLEMENTATION: S.COMPLETED,
}
ACTIVE = set(FORWARD)  # stages a project can be suspended from
TERMINAL = {S.COMPLETED, S.CANCELLED}


class TransitionRefused(Exception):
    """A transition that is not allowed; the message is translated and says why."""


def allowed_targets(project: Project) -> list[str]:
    """Statuses reachable from the project's current status (before checking requirements)."""
    status = project.status
    if status in TERMINAL:
        return []
    if status == S.SUSPENDED:
        return [project.suspended_from or S.IDENTIFIED, S.CANCELLED]
    return [FORWARD[status], S.SUSPENDED, S.CANCELLED]


def _requirements_missing(project: Project, to: str) -> list[str]:
    """Translated reasons why the project is not ready for `to`, empty when it is."""
    missing = []
    if to == S.APPRAISED and not (project.description_ar or project.description_en):
        missing.append(_("Appraisal needs a description of the project."))
    if to == S.APPROVED:
        if not project.budget:
            missing.append(_("Approval needs a budget greater than zero."))
        if not (project.planned_start and project.planned_end):
            missing.append(_("Approval needs planned start and end dates."))
    roles = None
    if to in (S.PROCUREMENT, S.IMPLEMENTATION):
        roles = set(project.participations.values_list("role", flat=True))
    if to == S.PROCUREMENT and OrganizationRole.IMPLEMENTER not in roles:
        missing.append(_("Procurement needs an implementing organization."))
    if to == S.IMPLEMENTATION and OrganizationRole.CONTRACTOR not in roles:
        missing.append(_("Implementation needs a contractor."))
    missing.extend(extensions.transition_requirements_missing(project=project, to=to))
    return missing


def check_transition(project: Project, to: str, reason: str = "") -> None:
    """Raise TransitionRefused with every reason the transition cannot happen now."""
    if to not in S.values:
        raise TransitionRefused(_("“%(status)s” is not a project status.") % {"status": to})
    if to not in allowed_targets(project):
        raise TransitionRefused(
            _("A project cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(project.status).label, "to": S(to).label}
        )
    if to in (S.SUSPENDED, S.CANCELLED) and not reason.strip():
        raise TransitionRefused(_("Give a reason to suspend or cancel a project."))
    resuming = project.status == S.SUSPENDED and to != S.CANCELLED
    missing = (
        [] if resuming or to in (S.SUSPENDED, S.CANCELLED) else _requirements_missing(project, to)
    )
    if missing:
        raise TransitionRefused(" ".join(missing))


@transaction.atomic
def project_transition(*, project: Project, to: str, by, reason: str = "") -> StatusChange:
    """Move a project to `to`, record who, when and why, and return the change."""
    caller_copy = project
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_transition(project, to, reason)
    from_status = project.status
    today = timezone.localdate()
    fields = ["status", "suspended_from", "updated_at"]
    if to == S.SUSPENDED:
        project.suspended_from = from_status
    elif from_status == S.SUSPENDED:
        project.suspended_from = ""
    if to == S.IMPLEMENTATION and project.actual_start is None:
        project.actual_start = today
        fields.append("actual_start")
    if to == S.COMPLETED and project.actual_end is None:
        project.actual_end = max(today, project.actual_start or today)
        fields.append("actual_end")
    project.status = to
    project.save(update_fields=fields)
    change = StatusChange.objects.create(
        project=project,
        from_status=from_status,
        to_status=to,
        changed_by=by if by is not None and by.is_authenticated else None,
        reason=reason.strip(),
    )
    record_event(
        action="transition",
        instance=project,
        actor=by,
        changes={"status": [from_status, to]},
        reason=reason.strip(),
    )
    caller_copy.refresh_from_db()
    return change
