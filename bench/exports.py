"""Benchmark: open-data exports and public portal pages over a large portfolio.

    .venv/bin/python -m bench.exports [--projects 100000] [--repeat 7] [--seed 2023]
    .venv/bin/python -m bench.exports --projects 20000 --formats csv,xlsx,geojson --cpu 3

Builds (once) the scratch SQLite demo database of bench/common.py, then, in one run:
each export (IATI, OC4IDS, CSV, XLSX, GeoJSON) of every public project, consumed and
discarded, with its wall time and the process's peak resident memory after it (ru_maxrss:
if an export held its rows in memory, the peak would jump by hundreds of MiB); next to a
baseline serializing the same project values with the plain library (lxml,
json, csv, openpyxl) from one `values_list` query. Then the median time of the portal
home, the map points feed and a project page, with the ratio to a trivial JSON view.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time

from bench.common import median_seconds, scratch_database

FIELDS = ["code", "title_ar", "title_en", "status", "sector", "latitude", "longitude", "budget"]


class _Sink:
    def write(self, value):
        return len(value)


def _consume(chunks) -> int:
    return sum(len(chunk) for chunk in chunks)


def _timed_cpu(make_chunks) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, bytes): on a loaded machine the CPU
    seconds are the figure to compare between runs."""
    started, cpu = time.perf_counter(), time.process_time()
    size = _consume(make_chunks())
    return time.perf_counter() - started, time.process_time() - cpu, size


def _cpu_timed(make_chunks, repeat: int) -> tuple[float, float, int]:
    """(best CPU seconds, best wall seconds, bytes) of `repeat` runs: on a shared machine
    the process's CPU time swings far less than the wall clock."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        size = _consume(make_chunks())
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall, size


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rows():
    from imar.portfolio.models import Project

    return Project.objects.public().order_by("code").values_list(*FIELDS).iterator(chunk_size=2000)


def baseline_xml():
    from lxml import etree

    yield b"<activities>"
    for row in _rows():
        element = etree.Element("activity")
        for name, value in zip(FIELDS, row, strict=True):
            etree.SubElement(element, name).text = "" if value is None else str(value)
        yield etree.tostring(element)
    yield b"</activities>"


def baseline_json():
    for row in _rows():
        yield json.dumps(dict(zip(FIELDS, map(str, row), strict=True)), ensure_ascii=False).encode()


def baseline_csv():
    writer = csv.writer(_Sink())
    for row in _rows():
        yield b"x" * writer.writerow(row)


def baseline_xlsx():
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("projects")
    for row in _rows():
        sheet.append(list(row))
    with tempfile.TemporaryFile() as spool:
        book.save(spool)
        yield b"x" * spool.tell()


BASELINES = {
    "iati": baseline_xml,
    "oc4ids": baseline_json,
    "csv": baseline_csv,
    "xlsx": baseline_xlsx,
    "geojson": baseline_json,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--formats", default="iati,oc4ids,csv,xlsx,geojson")
    parser.add_argument(
        "--cpu",
        type=int,
        default=0,
        metavar="N",
        help="only the exports: best CPU and wall seconds of N runs each, no baseline/pages",
    )
    args = parser.parse_args()

    database = scratch_database(args.projects, seed=args.seed)
    if database["built_seconds"] is not None:
        print(f"built {database['path']} in {database['built_seconds']:.1f} s")

    from django.test import Client, override_settings

    from imar.opendata.formats import FORMATS
    from imar.opendata.source import export_projects
    from imar.portfolio.models import Project

    public = Project.objects.public().count()
    print(f"\n{Project.objects.count():,} projects, {public:,} public\n")
    print(f"peak RSS before exports: {_peak_rss_mib():.0f} MiB\n")
    if args.cpu:
        print("| export | CPU s (best) | wall s (best) | MB out | peak RSS MiB after |")
        print("|---|---:|---:|---:|---:|")
        for name in [f for f in args.formats.split(",") if f]:
            for kind in ("projects", "transactions"):
                if kind not in FORMATS[name].kinds:
                    continue

                def ours(name=name, kind=kind):
                    return FORMATS[name].write(export_projects({}), kind)

                cpu, wall, size = _cpu_timed(ours, args.cpu)
                print(
                    f"| {name} {kind} | {cpu:.2f} | {wall:.2f} | {size / 1e6:.1f} "
                    f"| {_peak_rss_mib():.0f} |",
                    flush=True,
                )
        return
    print(
        "| export | seconds | CPU s | MB out | peak RSS MiB after | baseline s | baseline CPU s "
        "| × baseline (CPU) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in [f for f in args.formats.split(",") if f]:

        def ours(name=name):
            return FORMATS[name].write(export_projects({}), "projects")

        seconds, cpu, size = _timed_cpu(ours)
        peak = _peak_rss_mib()
        base_seconds, base_cpu, _ = _timed_cpu(BASELINES[name])
        print(
            f"| {name} | {seconds:.1f} | {cpu:.1f} | {size / 1e6:.1f} | {peak:.0f} "
            f"| {base_seconds:.1f} | {base_cpu:.1f} | {cpu / base_cpu:.1f} |",
            flush=True,
        )

    client = Client()
    code = Project.objects.public().order_by("code").values_list("code", flat=True)[public // 2]
    pages = [
        ("trivial JSON view", "/bench/trivial/"),
        ("portal home", "/"),
        ("map points (all public)", "/public/map/points.json"),
        ("map points (one sector)", "/public/map/points.json?sector=housing"),
        ("project page", f"/public/projects/{code}/"),
    ]
    print(f"\n| page | median ms (of {args.repeat}) | × trivial |")
    print("|---|---:|---:|")
    with override_settings(ROOT_URLCONF="bench.urls"):
        base = None
        for label, url in pages:

            def get(url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            seconds = median_seconds(get, repeat=args.repeat, warmup=1)
            base = base or seconds
            print(f"| {label} | {seconds * 1000:.1f} | {seconds / base:.1f} |", flush=True)


if __name__ == "__main__":
    main()
