"""Benchmark: the staff project list page and the projects API over a large portfolio.

    .venv/bin/python -m bench.project_list [--projects 100000] [--repeat 15] [--seed 2023]

Builds (once) a scratch SQLite database with the demo portfolio of --projects projects
under /tmp/imar-bench, then times with Django's test client, in one run: the list page
(logged in as the demo `director`) and the API list (anonymous: public projects only),
each unfiltered, filtered by district and sector, and searched with a variant Arabic
spelling ("درنه" for درنة). Each figure is the median over --repeat requests, with the SQL
queries of one request (without the request transaction's BEGIN and COMMIT), and its ratio
to a trivial JSON view (bench/urls.py) measured in the same run.
"""

from __future__ import annotations

import argparse
import json

from bench.common import median_seconds, scratch_database

CASES = [
    ("unfiltered", ""),
    ("district + sector", "?district=LY-DR&sector=housing"),
    ("search «درنه»", "?q=%D8%AF%D8%B1%D9%86%D9%87"),
]


def _measure(client, url: str, repeat: int) -> tuple[float, int, object]:
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
    return median_seconds(get, repeat=repeat), queries, response


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
    print("| request | median ms | queries | × trivial JSON | matches |")
    print("|---|---:|---:|---:|---:|")
    with override_settings(ROOT_URLCONF="bench.urls"):
        for label, client in (("staff", staff), ("anonymous", anonymous)):
            seconds, queries, _response = _measure(client, "/bench/trivial/", args.repeat)
            print(f"| trivial JSON view ({label}) | {seconds * 1000:.1f} | {queries} | 1.0 | |")
            if label == "staff":
                staff_base = seconds
            else:
                anonymous_base = seconds
        for name, query in CASES:
            seconds, queries, response = _measure(
                staff, f"/portfolio/projects/{query}", args.repeat
            )
            ratio = seconds / staff_base
            count = _staff_matches(query)
            print(
                f"| list page, {name} | {seconds * 1000:.1f} | {queries} | {ratio:.1f} "
                f"| {count:,} |"
            )
        for name, query in CASES:
            url = f"/api/v1/projects/{query}"
            seconds, queries, response = _measure(anonymous, url, args.repeat)
            count = json.loads(response.content)["count"]
            ratio = seconds / anonymous_base
            print(
                f"| API list (anonymous), {name} | {seconds * 1000:.1f} | {queries} "
                f"| {ratio:.1f} | {count:,} |"
            )


if __name__ == "__main__":
    main()
