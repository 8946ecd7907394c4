"""The feedback demo step: cases in every state, Arabic first, and the Derna school case
that a citizen follows with the printed tracking code."""

import random

import pytest

from imar.demo import feedback as demo
from imar.feedback import services
from imar.feedback.models import Case


@pytest.mark.django_db
def test_demo_cases_and_the_derna_school_case(make_project, derna, client):
    for n in range(8):
        make_project(code=f"DEMO-{n}")
    school = make_project(code="DRN-SCH", sector="education", municipality=derna)
    lines = []
    demo.load(rng=random.Random(1), options={}, log=lines.append)
    cases = Case.objects.all()
    assert cases.count() == demo.COUNT + 1
    statuses = set(cases.values_list("status", flat=True))
    assert {"received", "under_review", "answered", "resolved", "rejected"} <= statuses
    assert cases.filter(language="ar").count() > cases.filter(language="en").count()
    assert not cases.filter(is_published=True, status="received").exists()
    followed = services.case_by_code(demo.SCHOOL_CODE)
    assert followed.project == school and followed.answer_ar
    assert demo.SCHOOL_CODE in lines[-1]
    page = client.get(f"/public/feedback/track/{demo.SCHOOL_CODE}/").content.decode()
    assert followed.answer_ar in page
    demo.load(rng=random.Random(1), options={}, log=lines.append)  # a second run adds nothing
    assert Case.objects.count() == demo.COUNT + 1
