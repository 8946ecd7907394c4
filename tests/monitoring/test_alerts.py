"""Alerts: late (SPI or past the planned end), over budget (CPI), no recent verified report."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from imar.monitoring import alerts
from imar.monitoring.figures import refresh_figures
from imar.monitoring.models import Transaction
from imar.monitoring.reports import report_save, report_verify
from imar.portfolio.models import Project

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.IMAR_ALERT_SPI_BELOW = 0.9
    settings.IMAR_ALERT_CPI_BELOW = 0.9
    settings.IMAR_ALERT_REPORT_DAYS = 60


def implementing(make_project, **fields):
    # Half-way through a 200-day plan today: planned 50%.
    values = {
        "status": "implementation",
        "planned_start": TODAY - timedelta(days=100),
        "planned_end": TODAY + timedelta(days=100),
        "actual_start": TODAY - timedelta(days=100),
        "budget": Decimal("1000000"),
    }
    values.update(fields)
    return make_project(**values)


def progress(project, percent, by, verifier, days_ago=5):
    report, _ = report_save(
        by=by,
        project=project,
        report_date=TODAY - timedelta(days=days_ago),
        physical_percent=percent,
        submit=True,
    )
    report_verify(report=report, by=verifier)


def spend(project, amount):
    Transaction.objects.create(
        project=project,
        kind="expenditure",
        date=TODAY - timedelta(days=3),
        amount=amount,
        currency="LYD",
        amount_lyd=amount,
    )
    refresh_figures(project_ids=[project.pk])


def _plain(text: str) -> str:
    """A reason without its Unicode isolates (the figures and dates are wrapped in FSI/PDI)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def flagged_reasons():
    return {
        p.code: [_plain(r) for r in alerts.reasons(p)]
        for p in alerts.flagged(Project.objects.all()).select_related("figures")
    }


def test_each_alert_and_a_healthy_project(make_project, engineer, officer):
    healthy = implementing(make_project)
    progress(healthy, "50", engineer, officer)
    spend(healthy, Decimal("480000"))
    late = implementing(make_project)
    progress(late, "40", engineer, officer)  # SPI 0.8
    over = implementing(make_project)
    progress(over, "50", engineer, officer)
    spend(over, Decimal("600000"))  # CPI 0.83
    silent = implementing(make_project)
    progress(silent, "50", engineer, officer, days_ago=61)
    overdue = make_project(
        status="procurement",
        planned_start=TODAY - timedelta(days=400),
        planned_end=TODAY - timedelta(days=1),
    )
    finished = make_project(
        status="completed",
        planned_start=TODAY - timedelta(days=400),
        planned_end=TODAY - timedelta(days=30),
    )
    reasons = flagged_reasons()
    assert healthy.code not in reasons and finished.code not in reasons
    assert any("SPI 0.800" in r for r in reasons[late.code])
    assert any("CPI 0.833" in r for r in reasons[over.code])
    assert any("60 days" in r for r in reasons[silent.code])
    assert any("planned end" in r for r in reasons[overdue.code])
    assert len(reasons) == 4


def test_threshold_is_a_setting(make_project, engineer, officer, settings):
    late = implementing(make_project)
    progress(late, "40", engineer, officer)
    assert late.code in flagged_reasons()
    settings.IMAR_ALERT_SPI_BELOW = 0.75
    assert late.code not in flagged_reasons()


def test_unverified_report_does_not_clear_the_silence_alert(make_project, engineer):
    silent = implementing(
        make_project, actual_start=date(2020, 1, 1), planned_start=date(2020, 1, 1)
    )
    report_save(by=engineer, project=silent, report_date=TODAY, physical_percent="10", submit=True)
    refresh_figures(project_ids=[silent.pk])
    assert any("verified progress report" in r for r in flagged_reasons()[silent.code])


def test_attention_page_filters_by_district_and_sector(
    client, officer, make_project, tripoli, engineer
):
    derna_late = make_project(
        status="procurement",
        planned_end=TODAY - timedelta(days=1),
        planned_start=TODAY - timedelta(days=300),
    )
    tripoli_late = make_project(
        status="procurement",
        planned_end=TODAY - timedelta(days=1),
        planned_start=TODAY - timedelta(days=300),
        municipality=tripoli,
        sector="health",
    )
    client.force_login(officer)
    page = client.get("/portfolio/attention/").content.decode()
    assert derna_late.code in page and tripoli_late.code in page
    page = client.get("/portfolio/attention/?district=LY-DR").content.decode()
    assert derna_late.code in page and tripoli_late.code not in page
    page = client.get("/portfolio/attention/?sector=health").content.decode()
    assert derna_late.code not in page and tripoli_late.code in page
    client.force_login(engineer)  # Derna only
    page = client.get("/portfolio/attention/").content.decode()
    assert derna_late.code in page and tripoli_late.code not in page


def test_nightly_refresh_moves_planned_value_to_the_new_date(make_project, engineer, officer):
    from django.core.management import call_command

    project = implementing(make_project)
    progress(project, "50", engineer, officer)
    call_command("monitoring_refresh", as_of=(TODAY + timedelta(days=50)).isoformat())
    project.figures.refresh_from_db()
    assert project.figures.planned_percent == Decimal("75.00")
    assert project.figures.spi == Decimal("0.667")


def test_figures_and_dates_in_reasons_are_isolated_for_arabic_sentences(make_project):
    """An ISO date inside an Arabic sentence must not render reversed: it is wrapped in Unicode
    isolates (FSI ... PDI), and the SPI in the sentence is the one the table shows."""
    overdue = make_project(
        status="implementation",
        planned_start=TODAY - timedelta(days=400),
        planned_end=TODAY - timedelta(days=30),
    )
    (project,) = [
        p
        for p in alerts.flagged(Project.objects.all()).select_related("figures")
        if p.pk == overdue.pk
    ]
    text = " ".join(alerts.reasons(project))
    assert f"\u2068{overdue.planned_end.isoformat()}\u2069" in text


def test_the_attention_list_sorts_by_each_column_and_shows_the_spi_it_reasons_about(
    client, officer, make_project
):
    for days in (30, 90, 200):
        make_project(
            status="implementation",
            planned_start=TODAY - timedelta(days=400),
            planned_end=TODAY - timedelta(days=days),
        )
    client.force_login(officer)
    url = reverse("monitoring:attention")
    by_end = [p.planned_end for p in client.get(url, {"sort": "end"}).context["page"]]
    assert by_end == sorted(by_end) and len(by_end) == 3
    by_end_desc = [p.planned_end for p in client.get(url, {"sort": "-end"}).context["page"]]
    assert by_end_desc == sorted(by_end, reverse=True)
    codes = [p.code for p in client.get(url, {"sort": "code"}).context["page"]]
    assert codes == sorted(codes)
    page = client.get(url, {"sort": "nonsense"})
    assert page.status_code == 200 and page.context["sort"] == "spi"
    body = page.content.decode()
    assert 'aria-sort="ascending"' in body
