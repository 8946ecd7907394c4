"""Benchmark: the staff project list page and the projects API over a large portfolio.

    .venv/bin/python -m bench.project_list [--projects 100000] [--repeat 15] [--seed 2023]

Builds (once) a scratch SQLite database with the demo portfolio of --projects projects
under /tmp/imar-bench, then times with Django's test client, in one run: the list page
(logged in as the demo `director`) and the API list (anonymous: public projects only),
each unfiltered, filtered by district and sector, and searched with a variant Arabic
spelling ("درنه" for درنة). Each figure is the median over --repeat requests, with the SQL
queries of one request (without the request transaction's BEGIN and COMMIT), and its ratio
to a trivial JSON view (bench/urls.py, median of 20 × --repeat) measured in the same run. Times are wall and CPU time
of the process (SQLite runs in it); the ratio uses CPU time, which other people's load on a
shared machine barely moves.
"""

from __future__ import annotations

import argparse
import json

from bench.common import median_times, scratch_database

CASES = [
    ("unfiltered", ""),
    ("district + sector", "?district=LY-DR&sector=housing"),
    ("search «درنه»", "?q=%D8%AF%D8%B1%D9%86%D9%87"),
]


def _measure(client, url: str, repeat: int) -> tuple[tuple[float, float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    with CaptureQueriesContext(connection) as captured:
        response = get()
    # Count now: the captured list is a slice of the connection's log, which later requests reset.
    queries = sum(1 for query in captured if query["sql"] not in ("BEGIN", "COMMIT"))
    return median_times(get, repeat=repeat), queries, response


def _staff_matches(query: str) -> int:
    """How many projects the director's list finds for this query string."""
    from urllib.parse import parse_qs

    from django.contrib.auth import get_user_model

    from imar.portfolio.filters import ProjectFilterSet
    from imar.portfolio.selectors import project_list

    director = get_user_model().objects.get(username="director")
    params = {key: values[0] for key, values in parse_qs(query.lstrip("?")).items()}
    return ProjectFilterSet(params, queryset=project_list(user=director)).qs.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()

    database = scratch_database(args.projects, seed=args.seed)
    if database["built_seconds"] is not None:
        print(f"built {database['path']} in {database['built_seconds']:.1f} s")

    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from imar.portfolio.models import Project

    staff = Client()
    staff.force_login(get_user_model().objects.get(username="director"))
    anonymous = Client()
    total, public = Project.objects.count(), Project.objects.filter(is_public=True).count()
    print(f"\n{total:,} projects ({public:,} public), median of {args.repeat} requests\n")
    print("| request | wall ms | CPU ms | queries | × trivial JSON (CPU) | matches |")
    print("|---|---:|---:|---:|---:|---:|")

    def row(label, times, queries, base, matches=""):
        wall, cpu = times
        print(
            f"| {label} | {wall * 1000:.2f} | {cpu * 1000:.2f} | {queries} "
            f"| {cpu / base:.0f} | {matches} |"
        )

    with override_settings(ROOT_URLCONF="bench.urls"):
        bases = {}
        for label, client in (("staff", staff), ("anonymous", anonymous)):
            # Sub-millisecond: many more samples keep the ratios' denominator steady.
            times, queries, _response = _measure(client, "/bench/trivial/", args.repeat * 20)
            bases[label] = times[1]
            row(f"trivial JSON view ({label})", times, queries, times[1])
        for name, query in CASES:
            times, queries, _response = _measure(staff, f"/portfolio/projects/{query}", args.repeat)
            row(f"list page, {name}", times, queries, bases["staff"], f"{_staff_matches(query):,}")
        for name, query in CASES:
            times, queries, response = _measure(anonymous, f"/api/v1/projects/{query}", args.repeat)
            count = json.loads(response.content)["count"]
            row(f"API list (anonymous), {name}", times, queries, bases["anonymous"], f"{count:,}")


if __name__ == "__main__":
    main()
