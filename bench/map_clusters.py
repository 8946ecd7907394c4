"""The public map at scale: the first view of the whole country as server clusters
(`/public/map/clusters.json`) against every point at once (`/public/map/points.json`).

    .venv/bin/python -m bench.map_clusters [--projects 100000] [--repeat 7]

Builds (once) a scratch SQLite database under /tmp/imar-bench/map-<n>/ with the gazetteer
and `n` projects inserted by one INSERT … SELECT (a recursive CTE: seconds, not the demo's
minutes): 90% public, every 20th location-sensitive, most with their own point near their
municipality. Then, in one process, Django's test client asks anonymously for the trivial
JSON view (bench/urls.py, the baseline), all points, and the clusters of the first view of
the country (zoom 6, Libya's box padded as the page asks it) cold (index built for this
public data version) and warm, then deeper views (zoom 9 around Tripoli, zoom 13, zoom 16).
Reports bytes, median wall and CPU milliseconds, and ratios to the trivial view.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench.common import SCRATCH_ROOT, median_times

FIRST_VIEW = (6, "7.0,17.8,27.5,34.9")  # zoom, bbox: Libya's box padded by 20% (map.js)
DEEPER = [
    ("zoom 9, Tripoli", 9, "12.2,32.3,14.3,33.4"),
    ("zoom 13, Tripoli centre", 13, "13.10,32.84,13.26,32.93"),
    ("zoom 16, one quarter", 16, "13.17,32.88,13.19,32.895"),
]


def _setup(projects: int) -> Path:
    directory = SCRATCH_ROOT / f"map-{projects}"
    ready = directory / "ready"
    directory.mkdir(parents=True, exist_ok=True)
    os.environ["IMAR_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("IMAR_REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()
    if not ready.exists():
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from imar.geo.loader import load_gazetteer

        load_gazetteer()
        started = time.perf_counter()
        _insert(projects)
        ready.write_text(f"built in {time.perf_counter() - started:.1f} s\n")
    return directory


def _insert(rows: int) -> None:
    from django.db import connection, transaction
    from django.db.models import DateTimeField

    from imar.portfolio.models import Project

    expressions = {
        "code": "'MAP-' || substr('000000' || n, -6, 6)",
        "title_ar": "'مشروع رقم ' || n",
        "title_en": "'Project number ' || n",
        "sector": "(SELECT value FROM json_each(%s) WHERE key = n %% 16)",
        "project_type": "'rehabilitation'",
        "status": "(SELECT value FROM json_each(%s) WHERE key = n %% 8)",
        "municipality_id": "m.id",
        "latitude": "CASE WHEN n %% 7 = 0 THEN NULL ELSE m.latitude + ((n * 7919) %% 1000 - 500) / 2500.0 END",
        "longitude": "CASE WHEN n %% 7 = 0 THEN NULL ELSE m.longitude + ((n * 104729) %% 1000 - 500) / 2500.0 END",
        "location_sensitive": "n %% 20 = 0",
        "is_public": "n %% 10 != 0",
        "search_text": "'map ' || n",
    }  # fmt: skip
    import json

    from imar.portfolio.enums import ProjectStatus
    from imar.portfolio.sectors import Sector

    columns, values, params = [], [], []
    for field in Project._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in expressions:
            values.append(expressions[field.column])
            if field.column == "sector":
                params.append(json.dumps(list(Sector.values)))
            if field.column == "status":
                params.append(json.dumps(list(ProjectStatus.values)))
        elif isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
            values.append("CURRENT_TIMESTAMP")
        elif field.null:
            values.append("NULL")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    towns = "SELECT id, latitude, longitude, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM geo_municipality"
    sql = (
        f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {rows}) "
        f"INSERT INTO {Project._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM seq JOIN ({towns}) AS m "
        f"ON m.k = seq.n %% (SELECT count(*) FROM geo_municipality)"
    )  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    _setup(args.projects)

    from django.test import Client, override_settings

    from imar.core import public_version
    from imar.portal import map_clusters
    from imar.portfolio.models import Project

    public_count = Project.objects.public().count()
    client = Client()
    rows = []

    def measure(label, url, repeat, params=None, before=None):
        sizes = []

        def call():
            if before:
                before()
            response = client.get(url, params or {})
            assert response.status_code == 200, response.content[:300]
            sizes.append(len(response.content))

        wall, cpu = median_times(call, repeat=repeat, warmup=1)
        rows.append((label, sizes[-1], wall * 1000, cpu * 1000))

    with override_settings(ROOT_URLCONF="bench.urls"):
        measure("trivial JSON view", "/bench/trivial/", 200)
        measure("all points (points.json)", "/public/map/points.json", args.repeat)
        zoom, bbox = FIRST_VIEW
        url = "/public/map/clusters.json"
        measure("first view, cold (index built)", url, args.repeat,
                {"zoom": zoom, "bbox": bbox}, before=map_clusters.forget)  # fmt: skip
        measure("first view, warm", url, args.repeat * 5, {"zoom": zoom, "bbox": bbox})
        for label, zoom, bbox in DEEPER:
            measure(label, url, args.repeat * 5, {"zoom": zoom, "bbox": bbox})
    assert public_version.current()
    base_wall, base_cpu = rows[0][2], rows[0][3]
    print(f"{args.projects:,} projects ({public_count:,} public), SQLite, one process\n")
    print("| request | bytes | wall ms | CPU ms | × trivial (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for label, size, wall, cpu in rows:
        print(f"| {label} | {size:,} | {wall:.2f} | {cpu:.2f} | {cpu / base_cpu:,.0f} |")
    points, first = rows[1], rows[3]
    print(
        f"\nfirst view / all points: {first[1] / points[1]:.4f} of the bytes, "
        f"{first[3] / points[3]:.3f} of the CPU (warm), cold {rows[2][3] / points[3]:.2f}"
    )
    del base_wall


if __name__ == "__main__":
    main()
