"""Dashboard figures against a recomputation from the raw rows; pages and query counts."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from imar.monitoring.dashboard import portfolio_figures
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import ProgressReport, Transaction
from imar.portfolio.models import ExchangeRate, Project

TODAY = timezone.localdate()


@pytest.fixture
def portfolio(make_project, tripoli, derna):
    """A dozen projects in two districts and two sectors with random money in 3 currencies."""
    ExchangeRate.objects.create(currency="USD", date=date(2024, 1, 1), rate_to_lyd=Decimal("4.8"))
    ExchangeRate.objects.create(currency="EUR", date=date(2024, 1, 1), rate_to_lyd=Decimal("5.2"))
    ExchangeRate.objects.create(currency="USD", date=date(2025, 1, 1), rate_to_lyd=Decimal("5"))
    rng = random.Random(7)
    rows = []
    for i in range(12):
        project = make_project(
            municipality=derna if i % 2 else tripoli,
            sector="housing" if i % 3 else "health",
            status=rng.choice(["implementation", "completed", "approved"]),
            budget=Decimal(rng.randint(1, 9) * 100000),
            currency=rng.choice(["LYD", "USD"]),
            planned_start=TODAY - timedelta(days=300),
            planned_end=TODAY + timedelta(days=100),
        )
        ProgressReport.objects.create(
            project=project,
            report_date=TODAY - timedelta(days=rng.randint(1, 90)),
            physical_percent=Decimal(rng.randint(0, 100)),
            status="verified",
            verified_at=timezone.now(),
        )
        for _ in range(rng.randint(0, 6)):
            amount = Decimal(rng.randint(100, 99999)) / 100
            currency = rng.choice(["LYD", "USD", "EUR"])
            day = date(2024, 6, 1) + timedelta(days=rng.randint(0, 500))
            rate = {"LYD": 1, "USD": 4.8 if day < date(2025, 1, 1) else 5, "EUR": 5.2}[currency]
            rows.append(
                Transaction(
                    project=project,
                    kind=rng.choice(["commitment", "disbursement", "expenditure"]),
                    date=day,
                    amount=amount,
                    currency=currency,
                    amount_lyd=(amount * Decimal(str(rate))).quantize(Decimal("0.01")),
                )
            )
    Transaction.objects.bulk_create(rows)
    refresh_figures()
    return rows


def test_money_by_district_and_sector_matches_the_raw_rows(portfolio):
    expected = defaultdict(Decimal)
    for row in portfolio:
        project = row.project
        expected[("district", project.municipality.district.iso_code, row.kind)] += row.amount_lyd
        expected[("sector", project.sector, row.kind)] += row.amount_lyd
        expected[("total", "", row.kind)] += row.amount_lyd
    figures = portfolio_figures(Project.objects.all())
    names = {"commitment": "committed", "disbursement": "disbursed", "expenditure": "spent"}
    for kind, name in names.items():
        assert (figures["totals"][name] or 0) == expected[("total", "", kind)]
        for row in figures["by_district"]:
            assert (row[name] or 0) == expected[("district", row["code"], kind)]
        for row in figures["by_sector"]:
            assert (row[name] or 0) == expected[("sector", row["code"], kind)]


def test_budget_totals_convert_each_currency_at_the_latest_rate(portfolio):
    expected = sum(
        p.budget * (Decimal(5) if p.currency == "USD" else 1) for p in Project.objects.all()
    )
    figures = portfolio_figures(Project.objects.all())
    assert figures["totals"]["budget"] == expected
    assert sum(r["budget"] for r in figures["by_district"]) == expected
    statuses = {s["code"]: s["count"] for s in figures["statuses"]}
    for code in ("implementation", "completed", "approved"):
        assert statuses[code] == Project.objects.filter(status=code).count()


def test_group_indices_are_ratios_of_sums(portfolio):
    figures = portfolio_figures(Project.objects.all())
    started = [
        p
        for p in Project.objects.select_related("figures")
        if p.status in ("implementation", "suspended", "completed")
    ]
    ev = sum(p.figures.ev for p in started)
    pv = sum(p.figures.pv for p in started)
    ac = sum(p.figures.spent_lyd for p in started)
    assert figures["totals"]["spi"] == (ev / pv).quantize(Decimal("0.001"))
    assert figures["totals"]["cpi"] == (ev / ac).quantize(Decimal("0.001"))
    spi_counted = sum(b["count"] for b in figures["spi_buckets"])
    assert spi_counted == sum(1 for p in started if p.figures.spi is not None)


def test_dashboard_page_links_to_the_filtered_project_list(client, officer, portfolio):
    client.force_login(officer)
    page = client.get("/portfolio/dashboard/").content.decode()
    assert "/portfolio/projects/?district=LY-DR" in page
    assert "/portfolio/projects/?sector=health" in page
    assert 'id="dashboard-data"' in page and "chart.umd.min.js" in page
    usd = client.get("/portfolio/dashboard/?currency=USD").content.decode()
    assert "(USD)" in usd


def test_dashboard_query_count_does_not_grow_with_projects(
    client, officer, portfolio, make_project, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        client.get("/portfolio/dashboard/")
    for _ in range(10):
        make_project()
    with django_assert_max_num_queries(20):
        assert client.get("/portfolio/dashboard/").status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get("/portfolio/districts/LY-DR/").status_code == 200


def test_dashboard_is_staff_only(client, outsider):
    assert client.get("/portfolio/dashboard/").status_code == 302
    client.force_login(outsider)
    assert client.get("/portfolio/dashboard/").status_code == 403


def test_dashboard_in_arabic(client, officer, portfolio):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    page = client.get("/portfolio/dashboard/").content.decode()
    assert 'dir="rtl"' in page and "لوحة" in page
