"""Benchmark: the results roll-up at scale, against one plain SQL aggregate in the same run.

    .venv/bin/python -m bench.results_rollup [--projects 100000] [--periods 300000] [--repeat 5]

Builds (once per size, under /tmp/imar-bench/results-<projects>-<periods>/) a SQLite database
with the gazetteer, the catalogue, a damage assessment of every municipality, and synthetic
projects, one standard indicator each, and their periods (60% approved). Then measures, in
one process:

- the dashboard's roll-up (`selectors.rollup_page`: facts, damage, the four groupings), with
  its query count;
- the pure roll-up alone on facts already read (`rollup.rollup`, four groupings);
- the baseline: one plain SQL aggregate (approved actuals and all targets summed by standard
  and district in the database), which computes only part of what the roll-up gives;

and checks that the roll-up's district totals equal the SQL aggregate's.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path("/tmp/imar-bench")

SQL = """
SELECT s.code, d.iso_code,
       SUM(CASE WHEN p.status = 'approved' THEN p.actual_value ELSE 0 END),
       SUM(p.target_value), COUNT(DISTINCT i.id)
FROM results_indicatorperiod p
JOIN results_indicator i ON i.id = p.indicator_id
JOIN results_standardindicator s ON s.id = i.standard_id
JOIN portfolio_project pr ON pr.id = i.project_id
JOIN geo_municipality m ON m.id = pr.municipality_id
JOIN geo_district d ON d.id = m.district_id
GROUP BY s.code, d.iso_code
"""


def _setup(projects: int, periods: int) -> tuple[Path, float | None]:
    directory = ROOT / f"results-{projects}-{periods}"
    ready = directory / "ready"
    if not ready.exists():
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    os.environ["IMAR_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()
    if ready.exists():
        return directory, None
    started = time.perf_counter()
    _generate(projects, periods)
    ready.write_text("ok")
    return directory, time.perf_counter() - started


def _generate(projects: int, periods: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from imar.geo.loader import load_gazetteer
    from imar.geo.models import Municipality
    from imar.needs.models import Assessment, DamageRecord
    from imar.portfolio.models import Project
    from imar.results.models import Indicator, IndicatorPeriod, StandardIndicator

    call_command("migrate", verbosity=0)
    load_gazetteer()
    rng = random.Random(2026)
    places = list(Municipality.objects.values_list("id", flat=True))
    standards = list(StandardIndicator.objects.exclude(measure="percentage"))
    by_sector = {
        "housing-units-rebuilt": "housing",
        "road-km-reopened": "roads_bridges",
        "schools-reopened": "education",
        "health-facilities-functional": "health",
        "people-water-restored": "water_sanitation",
        "people-power-restored": "electricity",
    }
    with transaction.atomic():
        assessment = Assessment.objects.create(
            name_en="Bench", name_ar="قياس", conducted_on=date(2024, 1, 1)
        )
        DamageRecord.objects.bulk_create(
            DamageRecord(
                assessment=assessment,
                municipality_id=place,
                sector=sector,
                units_damaged=rng.randint(10, 5000),
            )
            for place in places
            for sector in ("housing", "transport_telecom", "education", "health")
        )
        rows = []
        for n in range(projects):
            rows.append(
                Project(
                    code=f"B-{n:06d}",
                    title_ar=f"مشروع {n}",
                    title_en=f"Project {n}",
                    sector=rng.choice(list(by_sector.values())),
                    project_type="rehabilitation",
                    municipality_id=rng.choice(places),
                    is_public=rng.random() < 0.9,
                    search_text=f"b-{n:06d}",
                )
            )
        Project.objects.bulk_create(rows, batch_size=5000)
        project_ids = list(Project.objects.values_list("id", flat=True))
        Indicator.objects.bulk_create(
            (
                Indicator(
                    project_id=pid,
                    standard=standard,
                    title_ar=standard.name_ar,
                    title_en=standard.name_en,
                    unit=standard.unit,
                    measure=standard.measure,
                )
                for pid, standard in ((pid, rng.choice(standards)) for pid in project_ids)
            ),
            batch_size=5000,
        )
        indicator_ids = list(Indicator.objects.values_list("id", flat=True))
        per = max(1, periods // len(indicator_ids))
        batch = []
        made = 0
        for iid in indicator_ids:
            for k in range(per):
                if made >= periods:
                    break
                approved = rng.random() < 0.6
                batch.append(
                    IndicatorPeriod(
                        indicator_id=iid,
                        period_start=date(2024 + k // 2, 1 + 6 * (k % 2), 1),
                        period_end=date(2024 + k // 2, 6 + 6 * (k % 2), 30),
                        target_value=Decimal(rng.randint(1, 200)),
                        actual_value=Decimal(rng.randint(0, 200)) if approved else None,
                        status="approved" if approved else "draft",
                        approved_at="2025-01-01T00:00:00Z" if approved else None,
                        client_token=f"{made:032x}",
                    )
                )
                made += 1
            if len(batch) >= 20000:
                IndicatorPeriod.objects.bulk_create(batch, batch_size=5000)
                batch = []
        IndicatorPeriod.objects.bulk_create(batch, batch_size=5000)


def _timed(call, repeat: int):
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], cpus[len(cpus) // 2], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--periods", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _, built = _setup(args.projects, args.periods)

    from django.db import connection

    from imar.results import rollup, selectors
    from imar.results.models import Indicator, IndicatorPeriod

    periods = IndicatorPeriod.objects.all()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        page = selectors.rollup_page(periods, {})
    facts = selectors.period_facts(periods)
    standards = selectors.catalogue()
    sectors = {c: s.damage_sector for c, s in standards.items()}
    damage = selectors.damage_facts(page["assessment"])

    def pure():
        return [
            rollup.rollup(facts, by=by, damage=damage, damage_sectors=sectors)
            for by in rollup.GROUPINGS
        ]

    def plain_sql():
        with connection.cursor() as cursor:
            cursor.execute(SQL)
            return cursor.fetchall()

    sql_wall, sql_cpu, sql_rows = _timed(plain_sql, args.repeat)
    page_wall, page_cpu, page = _timed(lambda: selectors.rollup_page(periods, {}), args.repeat)
    pure_wall, pure_cpu, _ = _timed(pure, args.repeat)

    by_sql = {
        (code, district): (actual or 0, target or 0)
        for code, district, actual, target, _ in sql_rows
    }
    by_rollup = {
        (row.standard, row.group): (row.actual, row.target or 0)
        for row in page["groups"]["district"]
        if row.indicators
    }
    same = {k: (Decimal(a), Decimal(t)) for k, (a, t) in by_sql.items()} == by_rollup
    print(
        f"projects {args.projects:,}, indicators {Indicator.objects.count():,}, "
        f"periods {periods.count():,}; built in {built:.0f} s"
        if built
        else f"projects {args.projects:,}, indicators {Indicator.objects.count():,}, periods {periods.count():,} (database reused)"
    )
    print("| step | wall s | CPU s | queries | × SQL aggregate (CPU) |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| one plain SQL aggregate (by standard and district) | {sql_wall:.3f} | {sql_cpu:.3f} | 1 | 1 |"
    )
    print(
        f"| dashboard roll-up (read + four groupings) | {page_wall:.3f} | {page_cpu:.3f} | {len(queries)} | {page_cpu / sql_cpu:.1f} |"
    )
    print(
        f"| pure roll-up only (four groupings) | {pure_wall:.3f} | {pure_cpu:.3f} | 0 | {pure_cpu / sql_cpu:.1f} |"
    )
    print(f"district totals equal to the SQL aggregate: {same}")


if __name__ == "__main__":
    main()
