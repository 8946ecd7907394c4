"""Risks, and the security incident that suspends a project through the lifecycle."""

import pytest
from django.core.exceptions import ValidationError

from imar.monitoring.models import Risk
from imar.monitoring.risks import risk_create, risk_update, security_suspend


@pytest.fixture
def implementing(make_project):
    return make_project(status="implementation")


def test_likelihood_and_impact_are_1_to_5(implementing, officer):
    with pytest.raises(ValidationError) as error:
        risk_create(by=officer, project=implementing, category="technical", likelihood=6, impact=2)
    assert "likelihood" in error.value.message_dict
    assert not Risk.objects.exists()


def test_occurred_security_risk_suspends_the_project(implementing, engineer):
    risk = risk_create(
        by=engineer,
        project=implementing,
        category="security",
        likelihood=3,
        impact=4,
        description_en="Checkpoint closed",
    )
    implementing.refresh_from_db()
    assert implementing.status == "implementation"
    risk_update(risk=risk, by=engineer, status="occurred")
    implementing.refresh_from_db()
    assert implementing.status == "suspended" and implementing.suspended_from == "implementation"
    change = implementing.status_changes.first()
    assert "Checkpoint closed" in change.reason and change.changed_by == engineer


def test_other_occurred_risks_do_not_suspend(implementing, officer):
    risk_create(
        by=officer,
        project=implementing,
        category="financial",
        likelihood=3,
        impact=4,
        status="occurred",
    )
    implementing.refresh_from_db()
    assert implementing.status == "implementation"


def test_explicit_security_incident_suspends(implementing, officer):
    security_suspend(project=implementing, by=officer, reason="Armed clash near site")
    implementing.refresh_from_db()
    assert implementing.status == "suspended"
