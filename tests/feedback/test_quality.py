"""The data-quality computation against a brute recount, and the selector against plain
queries of the same facts."""

import datetime as dt
import random

import pytest

from imar.feedback import quality
from imar.feedback.quality import FIELDS, ProjectFacts
from imar.feedback.selectors import data_quality, quality_facts
from imar.monitoring.models import ProgressReport, Transaction
from imar.portfolio.models import Project, ProjectOrganization

TODAY = dt.date(2026, 6, 1)


def _random_facts(rng, n):
    out = []
    for i in range(n):
        verified = rng.choice([None, TODAY - dt.timedelta(days=rng.randint(0, 400))])
        out.append(
            ProjectFacts(
                project_id=i,
                code=f"P{i}",
                district=rng.choice(["Derna", "Tripoli", "Sabha"]),
                program=rng.choice(["", "A", "B"]),
                **{name: rng.random() < 0.6 for name in FIELDS[:-1]},
                indicators=rng.choice([None, True, False]),
                under_way=rng.random() < 0.7,
                last_verified=verified,
                started=TODAY - dt.timedelta(days=rng.randint(0, 500)),
                last_disbursement=rng.choice(
                    [None, TODAY - dt.timedelta(days=rng.randint(0, 400))]
                ),
                open_cases=rng.randint(0, 3),
            )
        )
    return out


def test_shares_and_counts_against_a_brute_recount():
    rng = random.Random(16)
    facts = _random_facts(rng, 500)
    result = quality.summarise(facts, today=TODAY, report_days=90)
    for group in result.by_district:
        mine = [f for f in facts if f.district == group.key]
        assert group.projects == len(mine)
        for name in FIELDS:
            measured = [getattr(f, name) for f in mine if getattr(f, name) is not None]
            expected = sum(measured) / len(measured) if measured else None
            assert group.share(name) == expected
        stale = sum(
            f.under_way and (TODAY - (f.last_verified or f.started)).days > 90 for f in mine
        )
        assert group.stale == stale
        unreported = sum(
            f.last_disbursement is not None
            and (f.last_verified is None or f.last_disbursement > f.last_verified)
            for f in mine
        )
        assert group.unreported_disbursements == unreported
        assert group.open_cases == sum(f.open_cases for f in mine)
    assert sum(g.projects for g in result.by_program) == 500 == result.total.projects


def test_unmeasured_indicators_are_none_not_zero():
    facts = _random_facts(random.Random(1), 20)
    facts = [ProjectFacts(**{**f.__dict__, "indicators": None}) for f in facts]
    assert quality.summarise(facts, today=TODAY, report_days=90).total.share("indicators") is None


@pytest.mark.django_db
def test_selector_facts_match_plain_queries(make_project, organization, submit, settings):
    settings.IMAR_QUALITY_INDICATORS_HOOK = ""
    a = make_project(latitude=32.7, longitude=22.6, status="implementation")
    b = make_project(budget=None, planned_start=None, planned_end=None, status="implementation")
    ProjectOrganization.objects.create(project=a, organization=organization, role="contractor")
    Transaction.objects.create(
        project=b,
        kind="disbursement",
        date=dt.date(2026, 1, 5),
        amount=10,
        currency="LYD",
        amount_lyd=10,
    )
    ProgressReport.objects.create(
        project=a, report_date=dt.date(2026, 1, 1), physical_percent=10, status="draft"
    )
    submit(project=a)
    facts = {f.code: f for f in quality_facts(Project.objects.all())}
    assert facts[a.code].location and not facts[b.code].location
    assert facts[a.code].contractor and not facts[b.code].contractor
    assert facts[a.code].dates and not facts[b.code].dates
    assert facts[a.code].budget and not facts[b.code].budget
    assert facts[a.code].last_verified is None  # a draft is not verified
    assert facts[b.code].last_disbursement == dt.date(2026, 1, 5)
    assert facts[a.code].open_cases == 1 and facts[b.code].open_cases == 0
    assert facts[a.code].indicators is None
    summary = data_quality(Project.objects.all(), today=dt.date(2026, 6, 1))
    assert summary.total.unreported_disbursements == 1
    assert [p.code for p in summary.missing["budget"]] == [b.code]


def _has_indicators(projects):
    return projects.filter(latitude__isnull=False).values("pk")


@pytest.mark.django_db
def test_the_indicators_hook_fills_the_column(make_project, settings):
    settings.IMAR_QUALITY_INDICATORS_HOOK = "tests.feedback.test_quality._has_indicators"
    make_project(latitude=32.7, longitude=22.6)
    make_project()
    summary = data_quality(Project.objects.all())
    assert summary.total.share("indicators") == 0.5
