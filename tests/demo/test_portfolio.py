"""The demo portfolio generator: deterministic, national, storm-weighted, lifecycle-consistent."""

import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from imar.core.text import normalize_search
from imar.demo import organizations as demo_organizations
from imar.demo import portfolio as demo
from imar.demo import procurement as demo_procurement
from imar.geo.models import District
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.lifecycle import _requirements_missing
from imar.portfolio.models import Program, Project, StatusChange

S = ProjectStatus
COUNT = 120
ARABIC = range(0x0600, 0x06FF + 1)


def _load(seed: int, count: int = COUNT):
    demo.load(rng=random.Random(seed), options={"projects": count}, log=lambda _line: None)


def _snapshot():
    return list(
        Project.objects.order_by("code").values_list(
            "code", "title_en", "title_ar", "budget", "currency", "status", "municipality__pcode"
        )
    )


@pytest.fixture
def portfolio(gazetteer):
    demo_organizations.load(rng=random.Random(0), options={}, log=lambda _line: None)
    _load(2023)
    # As the whole demo does: projects under way without a process here were contracted
    # before the fund used Imar, and carry a recorded procurement exemption.
    demo_procurement.exempt_the_rest()


def test_same_seed_gives_the_same_portfolio_and_another_seed_a_different_one(portfolio):
    first = _snapshot()
    assert len(first) == COUNT
    Project.objects.all().delete()
    Program.objects.all().delete()
    _load(2023)
    assert _snapshot() == first
    Project.objects.all().delete()
    Program.objects.all().delete()
    _load(7)
    assert _snapshot() != first


def test_every_district_has_projects(portfolio):
    covered = set(Project.objects.values_list("municipality__district__iso_code", flat=True))
    assert covered == set(District.objects.values_list("iso_code", flat=True))
    assert len(covered) == 22


def test_storm_hit_municipalities_carry_most_of_the_money(portfolio):
    by_place = {}
    for pcode, budget, currency in Project.objects.exclude(budget=None).values_list(
        "municipality__pcode", "budget", "currency"
    ):
        by_place[pcode] = by_place.get(pcode, 0) + budget * demo.RATES_TO_LYD[currency]
    total = sum(by_place.values())
    storm = sum(by_place.get(pcode, 0) for pcode in demo.STORM_MUNICIPALITIES)
    assert storm / total > Decimal("0.5")
    largest = sorted(by_place, key=by_place.get, reverse=True)[:2]
    assert set(largest) <= set(demo.STORM_MUNICIPALITIES)


def _stages_to_check(project) -> list[str]:
    stage = project.suspended_from if project.status == S.SUSPENDED else project.status
    if stage == S.COMPLETED:
        return demo.PATH[1:] + [S.COMPLETED]
    if stage == S.CANCELLED:
        return []
    return demo.PATH[1 : demo.PATH.index(stage) + 1]


def test_every_project_meets_the_lifecycle_requirements_of_its_status(portfolio):
    statuses = set()
    for project in Project.objects.all():
        statuses.add(project.status)
        for stage in _stages_to_check(project):
            assert _requirements_missing(project, stage) == [], (project.code, stage)
        if project.status in (S.IMPLEMENTATION, S.COMPLETED):
            assert project.actual_start is not None
        if project.status == S.COMPLETED:
            assert project.actual_start <= project.actual_end <= demo.REFERENCE_DATE
        if project.status == S.SUSPENDED:
            assert project.suspended_from in demo.PATH[2:]
        else:
            assert project.suspended_from == ""
    # Most of the lifecycle shows up even in a small demo.
    assert {S.PROCUREMENT, S.IMPLEMENTATION, S.COMPLETED} <= statuses


def test_the_lifecycle_check_itself_refuses_a_contractorless_implementation(portfolio):
    project = Project.objects.filter(status=S.IMPLEMENTATION).first()
    project.participations.filter(role="contractor").delete()
    assert _requirements_missing(project, S.IMPLEMENTATION) == [
        "Implementation needs a contractor."
    ]


def test_titles_are_bilingual_and_search_text_is_what_save_builds(portfolio):
    for project in Project.objects.all():
        assert any(ord(char) in ARABIC for char in project.title_ar), project.code
        assert not any(ord(char) in ARABIC for char in project.title_en), project.code
        assert project.title_en[0].isupper(), project.code
        assert project.search_text == normalize_search(
            " ".join([project.code, project.title_ar, project.title_en])
        )
    derna = Project.objects.filter(search_text__contains="درنه")
    assert derna.exists(), "a folded Arabic spelling finds Derna projects"


def test_people_served_fit_the_towns_that_hold_them(portfolio):
    """No project serves more people than live in its municipality, and the portfolio as a
    whole stays under Libya's population (about 7.4 million): the home page sums it."""
    served = list(
        Project.objects.filter(beneficiaries__isnull=False).values_list(
            "beneficiaries", "municipality__population", "sector"
        )
    )
    assert served
    for people, population, sector in served:
        assert people <= (population or demo.UNKNOWN_POPULATION) * demo.REACH[sector]
    per_project = sum(people for people, _, _ in served) / len(served)
    assert per_project * 1500 < 7_400_000  # the default demo's 1,500 projects


def test_sousa_projects_sit_at_sousa(gazetteer):
    demo_organizations.load(rng=random.Random(0), options={}, log=lambda _line: None)
    _load(2023, count=400)
    sousa = Project.objects.filter(title_en__contains="Sousa")
    assert sousa.exists()
    for project in sousa:
        assert "سوسة" in project.title_ar
        assert project.municipality.pcode == "LY010601"
        assert abs(project.latitude - 32.90) < 0.02 and abs(project.longitude - 21.96) < 0.02


def test_history_sample_follows_the_lifecycle_with_past_dates(portfolio):
    changes = StatusChange.objects.order_by("project_id", "changed_at", "id")
    assert changes.exists()
    by_project = {}
    for change in changes:
        by_project.setdefault(change.project_id, []).append(change)
    for project_id, rows in by_project.items():
        project = Project.objects.get(pk=project_id)
        assert rows[-1].to_status == project.status
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.to_status == after.from_status
            assert before.changed_at <= after.changed_at
        assert all(row.changed_at.date() <= demo.REFERENCE_DATE for row in rows)
        if project.status in (S.SUSPENDED, S.CANCELLED):
            assert rows[-1].reason


def test_demo_command_loads_users_organizations_and_projects(gazetteer):
    out = StringIO()
    call_command(
        "demo",
        projects=40,
        only=["imar.demo.accounts", "imar.demo.organizations", "imar.demo.portfolio"],
        stdout=out,
    )
    assert Project.objects.count() == 40
    assert "40 projects" in out.getvalue()
    assert Program.objects.get(code="DRN").description_en.startswith("Synthetic demo data")
    assert Project.objects.filter(participations__organization__acronym="DRF").exists()
