"""The dashboard's fiscal-year and period filter ("committed and paid this year by district"),
checked against a brute recomputation over every transaction; the money page's fiscal year
start; CSV/XLSX exports of the dashboard, the money page, the attention list and reports."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from imar.geo.models import Municipality
from imar.monitoring.models import Transaction
from imar.monitoring.money import transaction_create
from imar.monitoring.money_summary import Period
from imar.portfolio.models import ExchangeRate

KIND_OF = {"committed": "commitment", "disbursed": "disbursement", "spent": "expenditure"}


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Headers are read by their English names (the Arabic sheet has its own test)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def ledger(make_project, officer, db):
    ExchangeRate.objects.create(currency="USD", date=date(2023, 1, 1), rate_to_lyd=Decimal("4.8"))
    tripoli = Municipality.objects.get(pcode="LY021104")
    projects = [
        make_project(planned_start=date(2023, 1, 1)),
        make_project(planned_start=date(2023, 1, 1), sector="health"),
        make_project(planned_start=date(2023, 1, 1), municipality=tripoli),
    ]
    plan = [
        (0, "commitment", date(2024, 12, 31), "900", "LYD"),
        (0, "commitment", date(2025, 1, 1), "1000", "LYD"),
        (0, "disbursement", date(2025, 6, 30), "400", "LYD"),
        (0, "disbursement", date(2025, 7, 1), "100", "LYD"),
        (1, "commitment", date(2025, 3, 1), "50", "USD"),
        (1, "expenditure", date(2025, 12, 31), "30", "LYD"),
        (2, "commitment", date(2025, 8, 15), "2000", "LYD"),
        (2, "disbursement", date(2026, 1, 2), "700", "LYD"),
    ]
    for index, kind, day, amount, currency in plan:
        transaction_create(
            by=officer, project=projects[index], kind=kind, date=day, amount=amount,
            currency=currency,
        )  # fmt: skip
    return projects


def _brute(start, end, *, district=None, sector=None) -> dict:
    """Sums of every transaction by kind, read one by one in Python."""
    out = {key: Decimal(0) for key in KIND_OF}
    for t in Transaction.objects.select_related("project__municipality__district"):
        if start and t.date < start or end and t.date > end:
            continue
        if district and t.project.municipality.district.iso_code != district:
            continue
        if sector and t.project.sector != sector:
            continue
        for key, kind in KIND_OF.items():
            if t.kind == kind:
                out[key] += t.amount_lyd
    return out


@pytest.mark.parametrize(
    "params, start, end",
    [
        ({"year": "2025"}, date(2025, 1, 1), date(2025, 12, 31)),
        ({"start": "2025-06-30", "end": "2025-08-15"}, date(2025, 6, 30), date(2025, 8, 15)),
        ({"year": "2025", "start": "2025-07-01"}, date(2025, 7, 1), date(2025, 12, 31)),
        ({}, None, None),
    ],
)
def test_dashboard_period_figures_match_a_brute_recomputation(
    client, officer, ledger, params, start, end
):
    client.force_login(officer)
    context = client.get(reverse("monitoring:dashboard"), params).context
    for key in KIND_OF:
        assert Decimal(context["totals"][key] or 0) == _brute(start, end)[key], (params, key)
    for row in context["by_district"]:
        expected = _brute(start, end, district=row["code"])
        for key in KIND_OF:
            assert Decimal(row[key] or 0) == expected[key], (params, row["code"], key)
    for row in context["by_sector"]:
        expected = _brute(start, end, sector=row["code"])
        for key in KIND_OF:
            assert Decimal(row[key] or 0) == expected[key], (params, row["code"], key)


def test_committed_and_paid_this_year_by_district_with_a_july_fiscal_year(
    client, officer, ledger, settings
):
    settings.IMAR_FISCAL_YEAR_START_MONTH = 7
    assert Period(year=2025, start_month=7).bounds() == (date(2025, 7, 1), date(2026, 6, 30))
    client.force_login(officer)
    context = client.get(reverse("monitoring:dashboard"), {"year": "2025"}).context
    derna = next(r for r in context["by_district"] if r["code"] == "LY-DR")
    tripoli = next(r for r in context["by_district"] if r["code"] == "LY-TB")
    assert derna["disbursed"] == Decimal("100")  # 2025-07-01 in, 2025-06-30 out
    assert tripoli["committed"] == Decimal("2000") and tripoli["disbursed"] == Decimal("700")
    page = client.get(reverse("monitoring:money"), {"year": "2025"})
    assert page.context["summary"]["total"].amounts["disbursement"] == Decimal("800")
    assert "2025-07-01" in page.content.decode() and "2026-06-30" in page.content.decode()


def test_a_bad_year_names_the_field_and_keeps_the_all_time_figures(client, officer, ledger):
    client.force_login(officer)
    response = client.get(reverse("monitoring:dashboard"), {"year": "soon"})
    assert response.status_code == 200
    assert any("Year" in error for error in response.context["errors"])
    assert response.context["totals"]["committed"] == _brute(None, None)["committed"]


def test_dashboard_export_has_districts_sectors_and_total_in_the_period(client, officer, ledger):
    client.force_login(officer)
    response = client.get(reverse("monitoring:dashboard"), {"year": "2025", "format": "csv"})
    rows = _csv(response)
    total = next(r for r in rows if r["Group"] == "Total")
    assert (
        Decimal(total["Committed (LYD)"])
        == _brute(date(2025, 1, 1), date(2025, 12, 31))["committed"]
    )
    assert {r["Code"] for r in rows if r["Group"] == "District"} == {"LY-DR", "LY-TB"}
    book = client.get(reverse("monitoring:dashboard"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(book.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].value == "Group"


def test_money_export_lists_the_filtered_transactions_with_override_reasons(
    client, officer, ledger
):
    Transaction.objects.filter(kind="disbursement", date=date(2025, 7, 1)).update(
        override_reason="=cmd|' /C calc'!A0"
    )
    client.force_login(officer)
    rows = _csv(client.get(reverse("monitoring:money"), {"year": "2025", "format": "csv"}))
    assert len(rows) == Transaction.objects.filter(date__year=2025).count() == 6
    assert {r["Override reason"] for r in rows} == {"", "'=cmd|' /C calc'!A0"}
    tripoli = _csv(client.get(reverse("monitoring:money"), {"district": "LY-TB", "format": "csv"}))
    assert len(tripoli) == 2 and {r["District"] for r in tripoli} == {"Tripoli"}


def test_engineer_exports_only_their_district_money_and_attention(
    client, engineer, ledger, make_project, tripoli
):
    today = timezone.localdate()
    late = [
        make_project(status="implementation", planned_start=today - timedelta(days=400),
                     planned_end=today - timedelta(days=10), municipality=m)
        for m in (Municipality.objects.get(pcode="LY010102"), tripoli)
    ]  # fmt: skip
    client.force_login(engineer)
    rows = _csv(client.get(reverse("monitoring:money"), {"format": "csv"}))
    assert {r["District"] for r in rows} == {"Derna"}
    rows = _csv(client.get(reverse("monitoring:attention"), {"format": "csv"}))
    assert [r["Code"] for r in rows] == [late[0].code]
    assert late[0].planned_end.isoformat() in rows[0]["Why"]


def test_attention_export_follows_the_sort(client, officer, make_project):
    today = timezone.localdate()
    for days in (30, 200, 90):
        make_project(status="implementation", planned_start=today - timedelta(days=400),
                     planned_end=today - timedelta(days=days))  # fmt: skip
    client.force_login(officer)
    rows = _csv(client.get(reverse("monitoring:attention"), {"sort": "end", "format": "csv"}))
    ends = [r["Planned end"] for r in rows]
    assert ends == sorted(ends) and len(ends) == 3


def test_report_export_every_status_the_reader_may_see(client, officer, make_project):
    client.force_login(officer)
    response = client.get(reverse("monitoring:report_queue"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[1]][:4] == ["Project", "Title", "Date", "Status"]


def test_rates_are_in_the_menu_and_the_missing_rate_error_links_to_them(
    client, finance, make_project
):
    project = make_project()
    client.force_login(finance)
    with translation.override("en"):  # the page is in English: its links carry /en/
        rates = reverse("monitoring:exchange_rates")
    assert f'href="{rates}"' in client.get(reverse("monitoring:money")).content.decode()
    response = client.post(
        reverse("monitoring:transaction_new", args=[project.code]),
        {"kind": "commitment", "date": "2025-01-05", "amount": "10", "currency": "EUR"},
    )
    body = response.content.decode()
    assert "enter one first" in body
    assert f'<a href="{rates}">' in body


def test_a_zero_index_shows_as_zero_never_as_a_dash():
    from django.template.loader import render_to_string

    row = {"code": "health", "label": "Health", "projects": 1, "budget": 1, "spi": Decimal("0.000"),
           "cpi": None, "percent_complete": 0, "percent_planned": 0}  # fmt: skip
    html = render_to_string(
        "monitoring/_group_table.html", {"rows": [row], "group": "sector", "filters": {}}
    )
    cells = html.split('<th scope="row">')[1]
    assert ">0.000<" in cells and "—" in cells  # SPI 0.000, CPI unknown
    cards = render_to_string(
        "monitoring/_figure_cards.html",
        {"totals": {"projects": 1, "budget_unvalued": 0, "spi": Decimal("0.000"), "cpi": None}},
    )
    assert ">0.000<" in cards


def test_an_export_with_a_bad_date_is_the_page_naming_the_field(client, officer, ledger):
    client.force_login(officer)
    for name in ("monitoring:dashboard", "monitoring:money"):
        response = client.get(reverse(name), {"start": "2025-02-30", "format": "csv"})
        assert not response.streaming and response.status_code == 200
        assert any("From" in error for error in response.context["errors"])
