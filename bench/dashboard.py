"""Benchmark: the monitoring dashboards over 100,000 projects and 1,000,000 transactions.

    .venv/bin/python -m bench.dashboard [--projects 100000] [--transactions 1000000]
                                        [--repeat 7] [--seed 2023]

Builds (once) a scratch SQLite database under /tmp/imar-bench: the demo portfolio of
--projects projects, the demo exchange rates, --transactions transactions in LYD, USD and
EUR (converted by `portfolio.currency`, inserted with raw executemany) and one verified
progress report per started project; then recomputes every project's figures with
`refresh_figures` (timed: the nightly job). Then, in one run, with Django's test client
logged in as the demo director: the portfolio dashboard (all, one district, in USD), the
attention list, a district page and the dashboard API. Each: median over --repeat
requests, SQL queries of one request (without BEGIN/COMMIT), and the ratio to ONE plain
SQL query that computes the same money totals by district straight from the transactions
(measured in the same run; its totals are checked against the dashboard's).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

from bench.common import PORTFOLIO_STEPS, median_seconds

PAGES = [
    ("dashboard, whole portfolio", "/portfolio/dashboard/"),
    ("dashboard, one district", "/portfolio/dashboard/?district=LY-DR"),
    ("dashboard, in USD", "/portfolio/dashboard/?currency=USD"),
    ("attention list", "/portfolio/attention/"),
    ("district page (Derna)", "/portfolio/districts/LY-DR/"),
    ("API dashboard figures", "/api/v1/monitoring/dashboard/"),
    # Issue 18 (director): a fiscal year sums the transactions dated in it (no summary row
    # holds a year), and the exports write every row the page lists.
    ("dashboard, fiscal year 2025", "/portfolio/dashboard/?year=2025"),
    ("dashboard export, XLSX", "/portfolio/dashboard/?year=2025&format=xlsx"),
    ("attention export, CSV (all)", "/portfolio/attention/?format=csv"),
    ("project list export, XLSX", "/portfolio/projects/?district=LY-DR&format=xlsx"),
    ("money export, CSV (one year)", "/portfolio/money/?year=2025&district=LY-DR&format=csv"),
]
BASELINE_SQL = """
SELECT d.iso_code,
       SUM(CASE WHEN t.kind = 'commitment' THEN t.amount_lyd ELSE 0 END),
       SUM(CASE WHEN t.kind = 'disbursement' THEN t.amount_lyd ELSE 0 END),
       SUM(CASE WHEN t.kind = 'expenditure' THEN t.amount_lyd ELSE 0 END)
FROM portfolio_transaction t
JOIN portfolio_project p ON p.id = t.project_id
JOIN geo_municipality m ON m.id = p.municipality_id
JOIN geo_district d ON d.id = m.district_id
GROUP BY d.iso_code
"""


def _setup(projects: int, transactions: int, seed: int) -> tuple[Path, dict]:
    directory = Path("/tmp/imar-bench") / f"dashboard-{projects}-{transactions}-seed-{seed}"
    ready = directory / "ready"
    if not ready.exists():
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    os.environ["IMAR_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    os.environ.setdefault("IMAR_API_USER_RATE", "1000000/minute")
    import django

    django.setup()
    timings = {}
    if not ready.exists():
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("demo", projects=projects, seed=seed, only=PORTFOLIO_STEPS, stdout=StringIO())
        timings["demo portfolio"] = time.perf_counter() - started
        timings.update(_generate(transactions, seed))
        ready.write_text(repr(timings))
    else:
        timings = eval(ready.read_text())  # noqa: S307 - our own file
    return directory, timings


def _generate(transactions: int, seed: int) -> dict:
    """Money and reports with raw bulk inserts; then every project's figures."""
    from django.db import connection, transaction

    from imar.demo.monitoring import _rates
    from imar.monitoring.figures import refresh_figures
    from imar.portfolio.currency import RateTable
    from imar.portfolio.models import Project

    rng = random.Random(seed)
    timings = {}
    started = time.perf_counter()
    with transaction.atomic():
        _rates(lambda *_: None)
    rates = RateTable.load()
    rows = list(
        Project.objects.filter(budget__gt=0, planned_start__isnull=False).values_list(
            "id", "status", "planned_start", "budget"
        )
    )
    today = date.today()
    sql = (
        "INSERT INTO portfolio_transaction (project_id, kind, date, amount, currency, "
        "amount_lyd, reference, override_reason, created_at, row_version) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, '', %s, 1)"
    )
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    chunk = []
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(transactions):
            pid, _status, start, budget = rows[rng.randrange(len(rows))]
            kind = rng.choices(["commitment", "disbursement", "expenditure"], [2, 3, 5])[0]
            currency = rng.choices(["LYD", "USD", "EUR"], [80, 12, 8])[0]
            day = min(max(start, date(2019, 2, 1)) + timedelta(days=rng.randint(0, 900)), today)
            amount = Decimal(rng.randint(1000, 5_000_000)) / 100
            lyd = rates.convert(amount, currency, "LYD", day)
            chunk.append(
                (pid, kind, day.isoformat(), str(amount), currency, str(lyd), f"B-{i}", now)
            )
            if len(chunk) == 50_000:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
    timings["transactions insert"] = time.perf_counter() - started
    started = time.perf_counter()
    report_sql = (
        "INSERT INTO portfolio_progressreport (project_id, report_date, physical_percent, "
        "progress_note, narrative_ar, narrative_en, status, return_reason, submitted_at, "
        "verified_at, client_token, created_at, updated_at, row_version) "
        "VALUES (%s, %s, %s, '', '', '', 'verified', '', %s, %s, %s, %s, %s, 1)"
    )
    started_projects = [r for r in rows if r[1] in ("implementation", "completed", "suspended")]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            report_sql,
            [
                (
                    pid,
                    (today - timedelta(days=rng.randint(1, 120))).isoformat(),
                    str(rng.randint(0, 100)),
                    now,
                    now,
                    uuid.uuid4().hex,
                    now,
                    now,
                )
                for pid, *_ in started_projects
            ],
        )
    timings["reports insert"] = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        refresh_figures()
    timings["refresh_figures (all projects)"] = time.perf_counter() - started
    return timings


def _measure(client, url: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:  # an export: the time to write the whole file
            b"".join(response.streaming_content)
        return response

    with CaptureQueriesContext(connection) as captured:
        get()
    queries = sum(1 for q in captured if q["sql"] not in ("BEGIN", "COMMIT"))
    return median_seconds(get, repeat=repeat, warmup=1), queries


def _baseline(repeat: int) -> tuple[float, dict]:
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL)
            return cursor.fetchall()

    rows = run()
    return median_seconds(run, repeat=repeat, warmup=1), {r[0]: r[1:] for r in rows}


def _check_totals(by_district: dict) -> None:
    """The dashboard's money by district equals the plain query's, to the dinar."""
    from django.contrib.auth import get_user_model

    from imar.accounts.permissions import visible_projects
    from imar.monitoring.dashboard import portfolio_figures
    from imar.portfolio.models import Project

    director = get_user_model().objects.get(username="director")
    figures = portfolio_figures(visible_projects(director, Project.objects.all()))
    for row in figures["by_district"]:
        expected = by_district.get(row["code"], (0, 0, 0))
        got = (row["committed"] or 0, row["disbursed"] or 0, row["spent"] or 0)
        for e, g in zip(expected, got, strict=True):
            assert abs(Decimal(str(e)) - Decimal(g)) < 1, (row["code"], expected, got)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    directory, timings = _setup(args.projects, args.transactions, args.seed)
    for name, seconds in timings.items():
        print(f"build: {name:<34}{seconds:>8.1f} s")

    from django.contrib.auth import get_user_model
    from django.test import Client

    from imar.monitoring.models import Transaction
    from imar.portfolio.models import Project

    print(
        f"database: {directory}  projects {Project.objects.count():,}  "
        f"transactions {Transaction.objects.count():,}"
    )
    base_seconds, by_district = _baseline(args.repeat)
    _check_totals(by_district)
    print("check: dashboard money by district == plain SQL over the transactions: ok")
    client = Client()
    client.force_login(get_user_model().objects.get(username="director"))
    print(f"{'page':<30}{'median ms':>10}{'queries':>9}{'x plain SQL':>13}")
    print(f"{'plain SQL, money by district':<30}{base_seconds * 1000:>10.0f}{1:>9}{1:>13.2f}")
    for label, url in PAGES:
        seconds, queries = _measure(client, url, args.repeat)
        print(f"{label:<30}{seconds * 1000:>10.0f}{queries:>9}{seconds / base_seconds:>13.2f}")


if __name__ == "__main__":
    main()
