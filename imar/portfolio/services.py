"""Writes to projects. Each one records what changed in the audit trail."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.accounts.permissions import project_fields_refused
from imar.core import public_version
from imar.core.versioning import adopt, bump_version, lock_current
from imar.portfolio import extensions
from imar.portfolio.models import Project, ProjectOrganization

# The fields staff edit (form, API) and the audit trail follows: one list for all three.
EDITABLE_FIELDS = [
    "code",
    "title_ar",
    "title_en",
    "description_ar",
    "description_en",
    "program",
    "sector",
    "project_type",
    "municipality",
    "latitude",
    "longitude",
    "location_sensitive",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "beneficiaries",
    "is_public",
]
AUDITED_FIELDS = EDITABLE_FIELDS
# What the earned-value figures are computed from.
FIGURE_INPUTS = {"budget", "currency", "planned_start", "planned_end"}


def officer_fields_message(fields: list[str]) -> str:
    return _(
        "Only fund officers and administrators publish, unpublish or re-code a project "
        "(refused: %(fields)s)."
    ) % {"fields": ", ".join(fields)}


@transaction.atomic
def project_create(*, by, reason: str = "", **fields) -> Project:
    project = Project(**fields)
    project.full_clean()
    project.save()
    record_event(
        action="create",
        instance=project,
        actor=by,
        # The status too: later transitions record it, so the trail knows it from the start.
        changes=diff_fields({}, snapshot(project, [*AUDITED_FIELDS, "status"])),
        reason=reason,
    )
    return project


@transaction.atomic
def project_update(
    *, project: Project, by, reason: str = "", expected_version: int | None = None, **fields
) -> Project:
    """Apply `fields` to the project as stored now; the audit event holds each field's old
    and new value. With `expected_version`, a project saved by someone else since is refused
    (`StaleVersion`); without, only `fields` change, so concurrent edits of other fields stay.
    Publishing and re-coding are officer decisions: refused for anyone else.
    """
    current = lock_current(project, expected_version=expected_version)
    if refused := project_fields_refused(by, current, fields):
        raise PermissionDenied(officer_fields_message(refused))
    before = snapshot(current, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    changes = diff_fields(before, snapshot(current, AUDITED_FIELDS))
    if changes:
        current.save()
        record_event(action="update", instance=current, actor=by, changes=changes, reason=reason)
    if changes.keys() & FIGURE_INPUTS:
        # The dashboards read per-project figures; a new budget or plan changes PV and EAC now.
        extensions.figure_inputs_changed.send(sender=Project, project_ids=[current.pk])
    return adopt(project, current)


@transaction.atomic
def project_set_organizations(
    *, project: Project, by, participations: list[tuple[int, str]]
) -> None:
    """Replace the organizations involved with `participations` [(organization_id, role)]."""
    before = sorted(project.participations.values_list("organization_id", "role"))
    after = sorted(set(participations))
    if before == after:
        return
    project.participations.all().delete()
    ProjectOrganization.objects.bulk_create(
        ProjectOrganization(project=project, organization_id=org_id, role=role)
        for org_id, role in after
    )
    bump_version(project)  # the organizations are part of the record a form shows
    public_version.changed()  # bulk_create sends no signal
    record_event(
        action="update",
        instance=project,
        actor=by,
        changes={"organizations": [[list(p) for p in before], [list(p) for p in after]]},
    )
