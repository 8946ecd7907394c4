"""Writes to risks. A security risk that occurs on an active project suspends it."""

from django.db import transaction
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.core.versioning import adopt, lock_current
from imar.monitoring.errors import refuse
from imar.monitoring.models import Risk, RiskCategory, RiskStatus
from imar.portfolio.lifecycle import ACTIVE, project_transition
from imar.portfolio.models import Project

FIELDS = [
    "category",
    "description_ar",
    "description_en",
    "likelihood",
    "impact",
    "mitigation",
    "mitigation_en",
    "owner",
    "owner_en",
    "status",
]


def _check(risk: Risk) -> None:
    for field in ("likelihood", "impact"):
        value = getattr(risk, field)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise refuse(field, _("Choose a value from 1 to 5."))
    risk.full_clean(exclude=["project"])


def _suspend_if_incident(risk: Risk, by) -> None:
    project = risk.project
    if (
        risk.category == RiskCategory.SECURITY
        and risk.status == RiskStatus.OCCURRED
        and project.status in ACTIVE
    ):
        security_suspend(project=project, by=by, reason=risk.description or risk.mitigation)


def security_suspend(*, project: Project, by, reason: str):
    """Suspend a project after a security incident (through the lifecycle service)."""
    text = _("Security incident: %(what)s") % {"what": (reason or "").strip() or "—"}
    return project_transition(project=project, to="suspended", by=by, reason=text)


@transaction.atomic
def risk_create(*, by, project: Project, **fields) -> Risk:
    risk = Risk(project=project, **fields)
    _check(risk)
    risk.save()
    record_event(
        action="create", instance=risk, actor=by, changes=diff_fields({}, snapshot(risk, FIELDS))
    )
    _suspend_if_incident(risk, by)
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by, expected_version: int | None = None, **fields) -> Risk:
    """Change the given fields of the risk as stored now; with `expected_version`, a risk
    saved elsewhere since is refused (`StaleVersion`)."""
    current = lock_current(risk, expected_version=expected_version)
    before = snapshot(current, FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    _check(current)
    changes = diff_fields(before, snapshot(current, FIELDS))
    if changes:
        current.save()
        record_event(action="update", instance=current, actor=by, changes=changes)
    adopt(risk, current)
    if "status" in changes:
        _suspend_if_incident(risk, by)
    return risk
