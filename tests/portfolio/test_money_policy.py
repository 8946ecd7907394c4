"""The one money policy (portfolio.currency): a budget at its planned start's rate, money at
its own date's rate, a missing rate reported as missing.

Figures that changed when the policy was written once, and why:
- the dashboards' budget totals valued foreign budgets at today's rate while the same page's
  earned-value baseline (ProjectFigures.budget_lyd) used the planned start's; both now use
  the planned start's (`test_dashboard_budget_is_the_figures_budget`);
- a budget no rate values was a silent 0 in ProjectFigures and the dashboards; it is now
  missing (None) and counted as unvalued (`test_a_budget_without_any_rate_is_missing_not_zero`);
- planning (needs) costed candidate projects at today's rate; it now values them like every
  budget, then shows the dinars in the scenario's currency at the valuation day's rate
  (`test_planning_costs_a_budget_by_the_same_policy`);
- the project page's budget (monitoring) ignored the actual start of a project without a
  planned one; it now follows the same fallback as the figures.
"""

from datetime import date
from decimal import Decimal

import pytest

from imar.monitoring.dashboard import portfolio_figures
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import ProjectFigures
from imar.needs.money import Converter
from imar.portfolio.currency import RateTable, budget_value
from imar.portfolio.models import ExchangeRate, Project

VALUATION_DAY = date(2026, 6, 1)


@pytest.fixture
def usd_rates(db):
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.8"))
    ExchangeRate.objects.create(currency="USD", date=date(2026, 1, 1), rate_to_lyd=Decimal("6"))


def test_a_budget_is_valued_at_its_planned_start(usd_rates):
    rates = RateTable.load()
    value = budget_value(
        rates,
        Decimal(1000),
        "USD",
        planned_start=date(2025, 3, 1),
        actual_start=date(2026, 2, 1),
        valuation_day=VALUATION_DAY,
    )
    assert value == Decimal("4800.00")


def test_without_a_planned_start_the_actual_start_then_the_valuation_day(usd_rates):
    rates = RateTable.load()
    by_actual = budget_value(
        rates,
        Decimal(1000),
        "USD",
        planned_start=None,
        actual_start=date(2026, 2, 1),
        valuation_day=VALUATION_DAY,
    )
    by_day = budget_value(
        rates, Decimal(1000), "USD", planned_start=None, valuation_day=VALUATION_DAY
    )
    assert (by_actual, by_day) == (Decimal("6000.00"), Decimal("6000.00"))


def test_a_start_older_than_every_rate_falls_back_to_the_valuation_day(usd_rates):
    value = budget_value(
        RateTable.load(),
        Decimal(1000),
        "USD",
        planned_start=date(2020, 1, 1),
        valuation_day=VALUATION_DAY,
    )
    assert value == Decimal("6000.00")


def test_dashboard_budget_is_the_figures_budget(usd_rates, make_project):
    project = make_project(currency="USD", budget=Decimal(1000), planned_start=date(2025, 1, 1))
    refresh_figures(project_ids=[project.pk])
    figures = ProjectFigures.objects.get(project=project)
    assert figures.budget_lyd == Decimal("4800.00")  # 2024's rate, in force on 2025-01-01
    totals = portfolio_figures(Project.objects.filter(pk=project.pk))["totals"]
    assert totals["budget"] == Decimal("4800.00")  # was 6000: today's rate
    assert totals["budget_unvalued"] == 0


def test_a_budget_without_any_rate_is_missing_not_zero(make_project, db):
    project = make_project(currency="EUR", budget=Decimal(1000))
    refresh_figures(project_ids=[project.pk])
    assert ProjectFigures.objects.get(project=project).budget_lyd is None
    totals = portfolio_figures(Project.objects.filter(pk=project.pk))["totals"]
    assert totals["budget_unvalued"] == 1
    assert totals["budget"] == 0  # nothing valued to add up, and the page says why


def test_planning_costs_a_budget_by_the_same_policy(usd_rates, make_project):
    project = make_project(currency="USD", budget=Decimal(1000), planned_start=date(2025, 1, 1))
    in_lyd = Converter("LYD", on_date=VALUATION_DAY)
    in_usd = Converter("USD", on_date=VALUATION_DAY)
    assert in_lyd.budget(project) == Decimal("4800.00")
    assert in_usd.budget(project) == Decimal("800.00")  # 4800 LYD at the day's 6 LYD/USD
    unknown = make_project(currency="EUR", budget=Decimal(1000))
    assert in_lyd.budget(unknown) is None
    assert in_lyd.unconverted == {"EUR"}
