"""Writes to milestones; each one moves the project's planned curve, so figures follow."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.core.versioning import adopt, lock_current
from imar.monitoring.errors import refuse
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import Milestone
from imar.portfolio.documents import clean_document
from imar.portfolio.models import Project

FIELDS = ["name_ar", "name_en", "planned_date", "weight", "actual_date", "evidence"]


def _clean_evidence(fields: dict) -> None:
    """An uploaded evidence document is checked like a project document (type, size, first
    bytes) and an image is rebuilt from its pixels."""
    upload = fields.get("evidence_file")
    if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
        fields["evidence_file"], _mime = clean_document(
            upload, field="evidence_file", label=_("Evidence document")
        )


def _check(milestone: Milestone) -> None:
    try:
        weight = Decimal(str(milestone.weight))
    except (InvalidOperation, ValueError):
        raise refuse("weight", _("Enter the weight as a number.")) from None
    if not weight.is_finite() or weight < 0 or weight > 1000:
        raise refuse("weight", _("The weight must be between 0 and 1000."))
    milestone.weight = weight
    if milestone.actual_date and milestone.actual_date > timezone.localdate():
        raise refuse("actual_date", _("A milestone cannot be completed in the future."))
    milestone.full_clean(exclude=["project"])


@transaction.atomic
def milestone_create(
    *, by, project: Project, name_ar: str, name_en: str, planned_date: dt.date, weight, **extra
) -> Milestone:
    _clean_evidence(extra)
    milestone = Milestone(
        project=project,
        name_ar=name_ar,
        name_en=name_en,
        planned_date=planned_date,
        weight=weight,
        **extra,
    )
    _check(milestone)
    milestone.save()
    record_event(
        action="create",
        instance=milestone,
        actor=by,
        changes=diff_fields({}, snapshot(milestone, FIELDS)),
    )
    refresh_figures(project_ids=[project.pk])
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by, expected_version: int | None = None, **fields
) -> Milestone:
    current = lock_current(milestone, expected_version=expected_version)
    _clean_evidence(fields)
    before = snapshot(current, FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    _check(current)
    changes = diff_fields(before, snapshot(current, FIELDS))
    if changes or "evidence_file" in fields:
        current.save()
    if changes:
        record_event(action="update", instance=current, actor=by, changes=changes)
        refresh_figures(project_ids=[current.project_id])
    return adopt(milestone, current)
