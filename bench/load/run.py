"""Load test of the production setup (issue 13): PostgreSQL, Redis, `imar serve`, one worker.

    .venv/bin/python -m bench.load.run --projects 100000 [--solo 10] [--mix 30] [--connections 8]

Loopback only, bounded in time. Each kind of request (anonymous portal pages, map clusters,
public API lists, staff list and edit requests, export downloads) is driven by wrk
(Debian's `wrk`) with `bench/load/requests.lua`, first alone (its throughput against the
trivial view's in the same run), then all kinds at once (latency per kind under the mixed
load, and the 5xx count). Prints a Markdown table; `--json FILE` keeps the raw figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from bench.load.stack import IMAR, ROOT, Stack, prepare

LUA = Path(__file__).with_name("requests.lua")

SAMPLE = """
import json
from imar.portfolio.models import Project
from imar.geo.models import District
projects = list(Project.objects.public().order_by('?').values_list('code', flat=True)[:300])
staff = list(Project.objects.order_by('?').values_list('code', flat=True)[:200])
public = Project.objects.public().count()
districts = list(District.objects.values_list('iso_code', flat=True))
print(json.dumps({'projects': projects, 'staff': staff, 'districts': districts, 'public': public}))
"""

SEARCHES = ["درنه", "مدرسة", "طريق", "مستشفى", "بنغازي", "water", "school", "housing"]
# A first view of the whole country, then zoomed views of Tripoli, Benghazi and Sabha.
MAP_VIEWS = [
    (5, "9.3,19.5,25.2,33.2"),
    (8, "12.8,32.5,13.6,33.0"),
    (8, "19.8,31.9,20.4,32.3"),
    (9, "14.2,26.8,14.7,27.2"),
]


def sample(env: dict) -> dict:
    output = subprocess.run(
        [IMAR, "shell", "-c", SAMPLE], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def kinds(stack: Stack, data: dict, map_path: str) -> dict[str, list[str]]:
    """Each kind of request as wrk lines: METHOD<TAB>PATH<TAB>HEADERS<TAB>BODY."""
    staff_cookie = stack.session_cookie("director")
    token = stack.token("officer")
    rng = random.Random(13)

    def get(path: str, headers: str = "") -> str:
        return f"GET\t{path}\t{headers}\t"

    staff_edit = []
    for code in data["staff"]:
        body = json.dumps({"description_en": f"Load test note {rng.randint(1, 10**6)}"})
        headers = f"Authorization: Token {token} ;; Content-Type: application/json"
        staff_edit.append(f"PATCH\t/api/v1/projects/{code}/\t{headers}\t{body}")
        staff_edit.append(get(f"/api/v1/projects/{code}/", f"Authorization: Token {token}"))
    return {
        "trivial": [get("/robots.txt")],
        "home": [get("/"), get("/en/")],
        "map clusters": [get(map_path.format(zoom=z, bbox=b)) for z, b in MAP_VIEWS],
        "project": [get(f"/public/projects/{code}/") for code in data["projects"]],
        "district": [get(f"/public/districts/{code}/") for code in data["districts"]],
        "search": [get(f"/public/search/?q={quote(q)}") for q in SEARCHES],
        "public API list": [
            get(f"/api/v1/public/projects/?page={page}")
            for page in range(1, min(40, data["public"] // 50) + 1)
        ],
        "staff list": [
            get(f"/en/portfolio/projects/?page={page}", f"Cookie: {staff_cookie}")
            for page in range(1, 20)
        ],
        "staff edit": staff_edit,
        "export": [get("/open-data/projects.csv"), get("/open-data/projects.geojson")],
    }


def wrk(base: str, lines: list[str], seconds: float, connections: int) -> subprocess.Popen:
    handle = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)  # noqa: SIM115
    handle.write("\n".join(lines) + "\n")
    handle.close()
    return subprocess.Popen(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--timeout",
            "30s",
            "-s",
            str(LUA),
            base,
        ],
        env={**os.environ, "REQUESTS": handle.name},
        stdout=subprocess.PIPE,
        text=True,
    )


def result(process: subprocess.Popen) -> dict:
    output, _ = process.communicate()
    line = [x for x in output.splitlines() if x.startswith("{")][-1]
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--solo", type=float, default=10, help="seconds per kind alone")
    parser.add_argument("--mix", type=float, default=30, help="seconds of the mixed load")
    parser.add_argument("--connections", type=int, default=8, help="per kind, alone")
    parser.add_argument("--mix-connections", type=int, default=2, help="per kind, mixed")
    parser.add_argument(
        "--map-path",
        default="/public/map/clusters.json?zoom={zoom}&bbox={bbox}",
        help="the map cluster route (zoom, bbox)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the scratch database")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    built = prepare(args.projects, rebuild=args.rebuild)
    print(f"database: {built}", flush=True)
    with Stack(workers=args.workers) as stack:
        data = sample(stack.env)
        requests = kinds(stack, data, args.map_path)
        for lines in requests.values():  # warm every worker's caches and connections
            for line in lines[:3]:
                method, path, headers, _ = line.split("\t")
                if method == "GET":
                    stack.get(path, dict(h.split(": ", 1) for h in headers.split(" ;; ") if h))
        solo = {}
        for name, lines in requests.items():
            solo[name] = result(wrk(stack.base, lines, args.solo, args.connections))
            print(f"alone  {name:16} {solo[name]['rps']:8.1f} req/s", flush=True)
        running = {
            name: wrk(stack.base, lines, args.mix, args.mix_connections)
            for name, lines in requests.items()
        }
        mixed = {name: result(process) for name, process in running.items()}
        health_after = stack.get("/healthz")[0]
    trivial = solo["trivial"]["rps"] or 1
    print()
    print(
        f"{args.projects:,} projects, {args.workers} gunicorn workers, alone: "
        f"{args.connections} connections {args.solo:.0f} s per kind; mixed: all kinds at once, "
        f"{args.mix_connections} connections each, {args.mix:.0f} s"
    )
    print()
    print(
        "| kind | alone req/s | × trivial | mixed req/s | mixed p50 ms | mixed p95 ms "
        "| 4xx | 5xx | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in requests:
        a, m = solo[name], mixed[name]
        errors = sum(
            x[k]
            for x in (a, m)
            for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
        )
        print(
            f"| {name} | {a['rps']:.1f} | {a['rps'] / trivial:.2f} | {m['rps']:.1f} "
            f"| {m['p50_ms']:.0f} | {m['p95_ms']:.0f} | {a['status_4xx'] + m['status_4xx']} "
            f"| {a['status_5xx'] + m['status_5xx']} "
            f"| {errors} |"
        )
    total_5xx = sum(x["status_5xx"] for x in [*solo.values(), *mixed.values()])
    print(f"\n5xx in all: {total_5xx}; /healthz after the load: {health_after}")
    if args.json:
        args.json.write_text(
            json.dumps({"built": built, "alone": solo, "mixed": mixed, "at": time.time()}, indent=1)
        )
    print(f"logs: {ROOT / 'logs'}")
    return 1 if total_5xx else 0


if __name__ == "__main__":
    sys.exit(main())
