"""Every lifecycle transition, from the allowed and the refused side."""

from decimal import Decimal

import pytest
from django.utils import translation

from imar.accounts.models import AuditEvent
from imar.portfolio.enums import OrganizationRole, ProjectStatus
from imar.portfolio.lifecycle import TransitionRefused, allowed_targets, project_transition
from imar.portfolio.models import Project, ProjectOrganization
from imar.procurement.services import exemption_record

S = ProjectStatus
FORWARD_PATH = [S.APPRAISED, S.APPROVED, S.PROCUREMENT, S.IMPLEMENTATION, S.COMPLETED]


@pytest.fixture
def ready_project(make_project, organization):
    """A project that meets every stage's requirements."""
    project = make_project(description_en="Rebuild 120 flats.")
    for role in (OrganizationRole.IMPLEMENTER, OrganizationRole.CONTRACTOR):
        ProjectOrganization.objects.create(project=project, organization=organization, role=role)
    return project


def test_forward_path_records_who_when_and_why(ready_project, officer):
    for to in FORWARD_PATH:
        if to == S.IMPLEMENTATION:  # procurement's hook: a contract or a recorded exemption
            exemption_record(by=officer, project=ready_project, reason="Force account works")
        project_transition(project=ready_project, to=to, by=officer, reason=f"to {to}")
        assert ready_project.status == to
    changes = list(ready_project.status_changes.order_by("id"))
    assert [(c.from_status, c.to_status) for c in changes] == list(
        zip([S.IDENTIFIED, *FORWARD_PATH[:-1]], FORWARD_PATH, strict=True)
    )
    assert all(c.changed_by == officer and c.changed_at for c in changes)
    assert changes[0].reason == "to appraised"
    assert ready_project.actual_start is not None and ready_project.actual_end is not None
    assert (
        AuditEvent.objects.filter(action="transition", object_id=str(ready_project.pk)).count() == 5
    )


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.IDENTIFIED, S.APPROVED),
        (S.IDENTIFIED, S.COMPLETED),
        (S.APPRAISED, S.IDENTIFIED),
        (S.APPROVED, S.IMPLEMENTATION),
        (S.PROCUREMENT, S.COMPLETED),
        (S.IMPLEMENTATION, S.APPROVED),
        (S.COMPLETED, S.IMPLEMENTATION),
        (S.COMPLETED, S.SUSPENDED),
        (S.COMPLETED, S.CANCELLED),
        (S.CANCELLED, S.IDENTIFIED),
        (S.CANCELLED, S.SUSPENDED),
    ],
)
def test_transitions_off_the_path_are_refused(make_project, officer, start, to):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(status=start)
    project.refresh_from_db()
    with pytest.raises(TransitionRefused, match="cannot go from"):
        project_transition(project=project, to=to, by=officer, reason="because")
    project.refresh_from_db()
    assert project.status == start
    assert not project.status_changes.exists()


def test_approval_without_budget_is_refused_with_a_reason(make_project, officer):
    project = make_project(budget=None, description_en="x")
    project_transition(project=project, to=S.APPRAISED, by=officer)
    with pytest.raises(TransitionRefused, match="budget greater than zero"):
        project_transition(project=project, to=S.APPROVED, by=officer)
    assert Project.objects.get(pk=project.pk).status == S.APPRAISED


def test_refusal_reason_is_translated_to_arabic(make_project, officer):
    project = make_project(budget=Decimal("0"), description_en="x")
    project_transition(project=project, to=S.APPRAISED, by=officer)
    with translation.override("ar"), pytest.raises(TransitionRefused) as refused:
        project_transition(project=project, to=S.APPROVED, by=officer)
    assert str(refused.value) == "تتطلب الموافقة ميزانية أكبر من الصفر."


def test_approval_without_dates_is_refused(make_project, officer):
    project = make_project(planned_start=None, planned_end=None, description_en="x")
    project_transition(project=project, to=S.APPRAISED, by=officer)
    with pytest.raises(TransitionRefused, match="planned start and end"):
        project_transition(project=project, to=S.APPROVED, by=officer)


def test_appraisal_without_description_is_refused(make_project, officer):
    project = make_project(description_ar="", description_en="")
    with pytest.raises(TransitionRefused, match="description"):
        project_transition(project=project, to=S.APPRAISED, by=officer)


def test_procurement_needs_an_implementer_and_implementation_a_contractor(
    make_project, officer, organization
):
    project = make_project(description_en="x")
    project_transition(project=project, to=S.APPRAISED, by=officer)
    project_transition(project=project, to=S.APPROVED, by=officer)
    with pytest.raises(TransitionRefused, match="implementing organization"):
        project_transition(project=project, to=S.PROCUREMENT, by=officer)
    ProjectOrganization.objects.create(
        project=project, organization=organization, role=OrganizationRole.IMPLEMENTER
    )
    project_transition(project=project, to=S.PROCUREMENT, by=officer)
    with pytest.raises(TransitionRefused, match="contractor"):
        project_transition(project=project, to=S.IMPLEMENTATION, by=officer)


@pytest.mark.parametrize(
    "stage", [S.IDENTIFIED, S.APPRAISED, S.APPROVED, S.PROCUREMENT, S.IMPLEMENTATION]
)
def test_suspend_from_any_active_stage_and_resume_to_it(make_project, officer, stage):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(status=stage)
    project.refresh_from_db()
    project_transition(project=project, to=S.SUSPENDED, by=officer, reason="Security incident")
    assert project.status == S.SUSPENDED and project.suspended_from == stage
    assert allowed_targets(project) == [stage, S.CANCELLED]
    project_transition(project=project, to=stage, by=officer, reason="Area secured")
    assert project.status == stage and project.suspended_from == ""


def test_suspended_project_cannot_resume_elsewhere(make_project, officer):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(status=S.APPROVED)
    project.refresh_from_db()
    project_transition(project=project, to=S.SUSPENDED, by=officer, reason="Flooding")
    with pytest.raises(TransitionRefused):
        project_transition(project=project, to=S.IMPLEMENTATION, by=officer)


@pytest.mark.parametrize("to", [S.SUSPENDED, S.CANCELLED])
def test_suspension_and_cancellation_need_a_reason(make_project, officer, to):
    project = make_project()
    with pytest.raises(TransitionRefused, match="reason"):
        project_transition(project=project, to=to, by=officer, reason="   ")


def test_cancel_from_suspended(make_project, officer):
    project = make_project()
    project_transition(project=project, to=S.SUSPENDED, by=officer, reason="Dispute")
    project_transition(project=project, to=S.CANCELLED, by=officer, reason="Dropped")
    assert project.status == S.CANCELLED
    assert allowed_targets(project) == []


def test_unknown_status_is_refused(make_project, officer):
    with pytest.raises(TransitionRefused, match="not a project status"):
        project_transition(project=make_project(), to="demolished", by=officer)
