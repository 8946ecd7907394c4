"""A misuse-of-money or safety case raises its project's attention flag until reviewed."""

import pytest

from imar.feedback import services
from imar.monitoring import alerts
from imar.portfolio.models import Project

pytestmark = pytest.mark.django_db


def _flagged_codes():
    return set(alerts.flagged(Project.objects.all()).values_list("code", flat=True))


@pytest.mark.parametrize(
    ("category", "flags"),
    [
        ("misuse_of_money", True),
        ("quality_safety", True),
        ("work_stopped", False),
        ("thanks", False),
    ],
)
def test_flag_by_category(submit, school, category, flags):
    assert school.code not in _flagged_codes()
    submit(category=category)
    assert (school.code in _flagged_codes()) is flags


def test_flag_holds_until_reviewed_and_gives_its_reason(submit, school, officer, auditor):
    case = submit(category="quality_safety").case
    project = alerts.annotate_alerts(Project.objects.filter(pk=school.pk)).get()
    assert any("citizen" in r for r in alerts.reasons(project))
    services.case_move(by=officer, case=case, status="under_review")
    assert school.code in _flagged_codes()  # still being reviewed
    services.case_move(by=officer, case=case, status="answered", answer_ar="أ", answer_en="a")
    assert school.code not in _flagged_codes()
