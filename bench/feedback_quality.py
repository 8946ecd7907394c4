"""Benchmark: the data-quality page, the results roll-up and the citizens' queue over a
large portfolio, against one plain SQL aggregate in the same run.

    .venv/bin/python -m bench.feedback_quality [--projects 100000] [--periods 300000]
                                               [--cases 50000] [--repeat 3] [--seed 2023]
    .venv/bin/python -m bench.feedback_quality --demo --projects 20000 --periods 0 --cases 10000

By default (the issue's size) the database is the results benchmark's scratch database
(`bench.results_rollup`: gazetteer, catalogue, damage of every municipality, --projects
synthetic projects with one standard indicator each and --periods periods), built once
and shared with it; `--demo` uses the demo portfolio of `bench.common.scratch_database`
instead (richer projects, slower to build, no indicators). Then it adds (once per size,
recorded in a marker file) --cases citizens' cases in every status, one disbursement for one
project in three and one verified progress report for one project in two, and (synthetic
database) budgets, dates, places and contractors for most projects, inserted in bulk (a
generator, not the application). Then, in one run: the pure computation with its two queries (`selectors.data_quality`), the staff page
and the public summary through Django's test client (logged in as the demo director), and
the triage queue; each as the median over --repeat runs (wall and CPU) with the SQL
queries of one call; the same pages once more served from the cache that
`feedback.tasks.refresh_quality` fills; and the results roll-up (`results.selectors.
rollup_page`, the staff dashboard /results/ and the public /public/results/). The baseline is ONE plain SQL aggregate that computes the per-district
counts of the same facts (location, contractor, dates, budget, unanswered cases); its
figures are checked against the page's before the ratios are printed.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time

from bench.common import PORTFOLIO_STEPS, median_times, scratch_database

BASELINE_SQL = """
SELECT d.iso_code,
       COUNT(*),
       SUM(CASE WHEN p.latitude IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN EXISTS (SELECT 1 FROM portfolio_projectorganization o
                             WHERE o.project_id = p.id AND o.role = 'contractor')
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.planned_start IS NOT NULL AND p.planned_end IS NOT NULL
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.budget IS NOT NULL AND p.budget > 0 THEN 1 ELSE 0 END),
       SUM((SELECT COUNT(*) FROM feedback_case c WHERE c.project_id = p.id
            AND c.status IN ('received', 'under_review')))
FROM portfolio_project p
JOIN geo_municipality m ON m.id = p.municipality_id
JOIN geo_district d ON d.id = m.district_id
GROUP BY d.iso_code
"""


def _enrich_synthetic() -> None:
    """Give the results benchmark's bare projects the fields the quality page measures
    (budget 4 in 5, dates 3 in 4, a point 3 in 5, a contractor 1 in 2), and a director."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from imar.accounts.models import Profile, Role
    from imar.organizations.models import Organization
    from imar.portfolio.models import Project, ProjectOrganization

    with connection.cursor() as cursor:
        cursor.execute("UPDATE portfolio_project SET budget = 1000000 WHERE id % 5 != 0")
        cursor.execute(
            "UPDATE portfolio_project SET planned_start = '2025-01-01', planned_end = '2027-06-30',"
            " status = 'implementation' WHERE id % 4 != 0"
        )
        cursor.execute(
            "UPDATE portfolio_project SET latitude = 32.7, longitude = 22.6 WHERE id % 5 < 3"
        )
    contractor, _ = Organization.objects.get_or_create(
        name_en="Bench contractor", defaults={"name_ar": "مقاول القياس"}
    )
    ids = list(Project.objects.order_by("id").values_list("id", flat=True))
    ProjectOrganization.objects.bulk_create(
        [ProjectOrganization(project_id=pk, organization=contractor, role="contractor")
         for pk in ids[::2]],
        batch_size=5000,
    )  # fmt: skip
    user, _ = get_user_model().objects.get_or_create(username="director")
    Profile.objects.update_or_create(user=user, defaults={"role": Role.FUND_OFFICER})


def _fill(projects: int, cases: int, seed: int, directory, synthetic: bool) -> float | None:
    marker = directory / f"feedback-{cases}"
    if marker.exists():
        return None
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from imar.feedback.models import Case
    from imar.monitoring.models import ProgressReport, Transaction
    from imar.portfolio.models import Project

    started = time.perf_counter()
    if synthetic and not (directory / "enriched").exists():
        _enrich_synthetic()
        (directory / "enriched").write_text("ok")
    rng = random.Random(seed)
    ids = list(Project.objects.order_by("id").values_list("id", flat=True))
    statuses = ["received", "under_review", "answered", "resolved", "rejected"]
    categories = list(settings.IMAR_FEEDBACK_SLA_DAYS)
    with transaction.atomic():
        Case.objects.all().delete()
        batch = []
        for n in range(cases):
            status = rng.choice(statuses)
            received = timezone.make_aware(
                datetime.combine(
                    date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)), day_time(9)
                )
            )
            batch.append(
                Case(
                    project_id=rng.choice(ids),
                    category=rng.choice(categories),
                    text=f"bench case {n}",
                    tracking_hash=f"{n:064d}",
                    fingerprint=f"{n:064x}"[-64:],
                    received_at=received,
                    due_at=received + timedelta(days=10),
                    status=status,
                    answered_at=received + timedelta(days=3)
                    if status in ("answered", "resolved")
                    else None,
                    rejection_reason="bench" if status == "rejected" else "",
                )
            )
        Case.objects.bulk_create(batch, batch_size=5000)
        if not Transaction.objects.exists():
            Transaction.objects.bulk_create(
                [
                    Transaction(
                        project_id=pk, kind="disbursement", date=date(2026, 3, 1),
                        amount=1000, currency="LYD", amount_lyd=1000,
                    )
                    for pk in ids[::3]
                ],
                batch_size=5000,
            )  # fmt: skip
            now = timezone.now()
            ProgressReport.objects.bulk_create(
                [
                    ProgressReport(
                        project_id=pk, report_date=date(2026, 2, 1), physical_percent=30,
                        status="verified", verified_at=now,
                    )
                    for pk in ids[::2]
                ],
                batch_size=5000,
            )  # fmt: skip
    marker.write_text(str(cases))
    return time.perf_counter() - started


def _queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return sum(1 for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--periods", type=int, default=300_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--demo", action="store_true", help="the demo portfolio, no indicators")
    args = parser.parse_args()
    if args.demo:
        scratch = scratch_database(args.projects, seed=args.seed, steps=PORTFOLIO_STEPS)
        directory = scratch["path"]
    else:
        from bench.results_rollup import _setup

        directory, _built = _setup(args.projects, args.periods)
    filled = _fill(args.projects, args.cases, args.seed, directory, synthetic=not args.demo)

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from imar.feedback import selectors, tasks
    from imar.feedback.models import Case
    from imar.portfolio.models import Project
    from imar.results import selectors as results_selectors
    from imar.results.models import IndicatorPeriod

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL)
            return cursor.fetchall()

    def pure():
        return selectors.data_quality(Project.objects.all())

    # The page's figures and the baseline's agree before anything is compared.
    summary = pure()
    rows = baseline()
    total = [sum(r[i] for r in rows) for i in range(1, 7)]
    t = summary.total
    mine = [
        t.projects, t.filled["location"], t.filled["contractor"], t.filled["dates"],
        t.filled["budget"], t.open_cases,
    ]  # fmt: skip
    assert total == mine, (total, mine)

    director = get_user_model().objects.get(username="director")
    client = Client()
    client.force_login(director)
    anonymous = Client()

    def page(c, path, *, cold=False):
        def call():
            if cold:
                cache.clear()
            response = c.get(path)
            assert response.status_code == 200, path
            return response

        return call

    def rollup():
        return results_selectors.rollup_page(IndicatorPeriod.objects.all(), {})

    runs = [
        ("baseline: one SQL aggregate", baseline),
        ("selectors.data_quality (three queries + pure)", pure),
        ("staff page /feedback/data-quality/, cache empty", page(client, "/feedback/data-quality/", cold=True)),
        ("public summary /public/data-quality/, cache empty", page(anonymous, "/public/data-quality/", cold=True)),
        ("tasks.refresh_quality (both pages, both languages)", tasks.refresh_quality),
        ("staff page /feedback/data-quality/, from the cache", page(client, "/feedback/data-quality/")),
        ("public summary /public/data-quality/, from the cache", page(anonymous, "/public/data-quality/")),
        ("triage queue /feedback/", page(client, "/feedback/")),
        ("response times /public/feedback/response-times/", page(anonymous, "/public/feedback/response-times/")),
        ("results roll-up (results.selectors.rollup_page)", rollup),
        ("results dashboard /results/", page(client, "/results/")),
        ("public results /public/results/", page(anonymous, "/public/results/")),
    ]  # fmt: skip
    print(
        f"{Project.objects.count()} projects, {IndicatorPeriod.objects.count()} indicator periods, "
        f"{Case.objects.count()} cases"
        + (f" (cases generated in {filled:.1f} s)" if filled else "")
    )
    base_cpu = None
    print("| step | wall s | CPU s | × baseline (CPU) | queries |")
    print("|---|---:|---:|---:|---:|")
    for name, call in runs:
        wall, cpu = median_times(call, repeat=args.repeat, warmup=1)
        base_cpu = base_cpu or cpu
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {cpu / base_cpu:.1f} | {_queries(call)} |")


if __name__ == "__main__":
    main()
