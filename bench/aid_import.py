"""Benchmark: importing donors' IATI activities against a plain lxml parse of the same file.

    .venv/bin/python -m bench.aid_import [--activities 10000] [--seed 14]

Generates an IATI 2.03 file of N activities from the SDC sample (tests/aid/data): each
copy gets its own identifier, shifted dates, scaled amounts and a point in Libya, so every
activity is kept, placed and written. Then, in one run, each step in a fresh process (so
its peak resident memory, ru_maxrss, is its own):

- baseline: `lxml.etree.iterparse` of the file, each activity's elements visited (its
  identifier and transaction values read) and freed;
- reader: the importer's reader alone (root checked first, each activity's original bytes
  sliced from the file);
- parse: the importer's reader, element modules and per-activity schema check, no database;
- import: `imar.aid.services.activity_import` into a fresh SQLite database (migrated once,
  copied per run), one transaction, as `imar import iati` does;
- the same import of a file a quarter the size, to see whether memory grows with the file;
- the file imported again into the database of a first import (timed: the second, where
  every activity is unchanged).

The steps run with IMAR_DEBUG=false, as in production (with DEBUG on, Django keeps the text
of every query, which here includes each activity's original XML).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "aid" / "data" / "ly-sdc-activities.xml"
WORK = Path("/tmp/imar-bench/aid")
ACTIVITY = re.compile(rb"<iati-activity .*?</iati-activity>", re.S)


def generate(path: Path, count: int, seed: int) -> int:
    rng = random.Random(seed)
    text = SAMPLE.read_bytes()
    templates = ACTIVITY.findall(text)
    root = re.search(rb"<iati-activities [^>]*>", text)[0]  # with d-portal's namespaces
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n' + root)
        for n in range(count):
            body = templates[n % len(templates)].decode()
            body = re.sub(r"CH-4-\d+", f"CH-4-BENCH-{n:07d}", body, count=1)
            year = 2015 + n % 10
            body = re.sub(r"20(1\d|2\d)-", f"{year}-", body)
            body = re.sub(
                r">(\d+)</value>",
                lambda m: f">{int(int(m[1]) * rng.uniform(0.5, 2))}</value>",
                body,
            )
            lat, lon = rng.uniform(24, 32.5), rng.uniform(10.5, 24.5)
            body = body.replace(
                "<sector ",
                f'<location><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326">'
                f"<pos>{lat:.4f} {lon:.4f}</pos></point></location><sector ",
                1,
            )
            out.write(body.encode())
        out.write(b"</iati-activities>")
    return path.stat().st_size


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_baseline(path: str) -> dict:
    from lxml import etree

    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    total = 0.0
    for _event, elem in etree.iterparse(
        path, events=("end",), tag="iati-activity", resolve_entities=False, no_network=True
    ):
        elem.findtext("iati-identifier")
        total += sum(float(v.text) for v in elem.iter("value"))
        count += 1
        elem.clear()
        while elem.getprevious() is not None:
            del elem.getparent()[0]
    return {"count": count, "wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()


def step_reader(path: str) -> dict:
    _django()
    from imar.aid.imports.iati.reader import iter_activities

    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    with open(path, "rb") as handle:
        for _header, _elem, _xml in iter_activities(handle):
            count += 1
    return {"count": count, "wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def step_parse(path: str) -> dict:
    _django()
    from imar.aid.imports.iati.activity import read_activity
    from imar.aid.imports.iati.reader import iter_activities
    from imar.aid.imports.iati.schema import activity_schema, schema_warnings

    activity_schema()  # compiled once per process, before timing
    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    with open(path, "rb") as handle:
        for header, elem, _xml in iter_activities(handle):
            read_activity(elem, file_lang=header.default_lang)
            schema_warnings(elem, header.version)
            count += 1
    return {"count": count, "wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def step_import(path: str) -> dict:
    _django()
    from imar.aid.imports.iati.schema import activity_schema
    from imar.aid.services import activity_import

    activity_schema()
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        run = activity_import(file=handle, by=None, file_name=Path(path).name)
    assert run.status == "done", run.error
    return {
        "count": run.counts["created"],
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }


def step_reimport(path: str) -> dict:
    """The same file imported a second time: every activity unchanged (timed: the second)."""
    _django()
    from imar.aid.imports.iati.schema import activity_schema
    from imar.aid.services import activity_import

    activity_schema()
    with open(path, "rb") as handle:
        activity_import(file=handle, by=None, file_name=Path(path).name)
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        run = activity_import(file=handle, by=None, file_name=Path(path).name)
    assert run.status == "done", run.error
    return {
        "count": run.counts["unchanged"],
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }


STEPS = {
    "baseline": step_baseline,
    "reader": step_reader,
    "parse": step_parse,
    "import": step_import,
    "reimport": step_reimport,
}


def _run_step(name: str, path: Path, database: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    # As in production: DEBUG off (Django keeps no log of every query), so keys are set.
    env.update(
        IMAR_DEBUG="false",
        IMAR_SECRET_KEY="bench-" + "s" * 40,
        IMAR_AUDIT_KEY="bench-" + "a" * 40,
    )
    if database is not None:
        env["DATABASE_URL"] = f"sqlite:///{database}"
    out = subprocess.run(
        [sys.executable, "-m", "bench.aid_import", "--step", name, str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def _template_database() -> Path:
    template = WORK / "template.sqlite3"
    if not template.exists():
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}"}
        imar = str(Path(sys.executable).with_name("imar"))
        subprocess.run([imar, "migrate", "-v0"], env=env, check=True)
        subprocess.run([imar, "load_gazetteer"], env=env, check=True, capture_output=True)
    return template


def _fresh_database(name: str) -> Path:
    target = WORK / f"{name}.sqlite3"
    shutil.copyfile(_template_database(), target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("path", nargs="?")
    args = parser.parse_args()
    if args.step:
        result = STEPS[args.step](args.path)
        result["peak_rss_mib"] = _rss_mib()
        print(json.dumps(result))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    big, small = WORK / f"activities-{args.activities}.xml", WORK / "activities-quarter.xml"
    size = generate(big, args.activities, args.seed)
    small_size = generate(small, args.activities // 4, args.seed)
    rows = [
        ("baseline: lxml iterparse", big, size, _run_step("baseline", big, None)),
        (
            "importer reader: root checked, original bytes kept",
            big,
            size,
            _run_step("reader", big, None),
        ),
        ("importer parse (no database)", big, size, _run_step("parse", big, None)),
        ("import into SQLite", big, size, _run_step("import", big, _fresh_database("big"))),
        (
            "import, quarter of the file",
            small,
            small_size,
            _run_step("import", small, _fresh_database("small")),
        ),
        (
            "re-import of the same file (every activity unchanged)",
            big,
            size,
            _run_step("reimport", big, _fresh_database("again")),
        ),
    ]
    base = rows[0][3]
    print(
        f"{args.activities} activities, {size / 2**20:.1f} MiB; load average {os.getloadavg()[0]:.1f}"
    )
    print("| step | activities | file MiB | wall s | CPU s | × baseline (CPU) | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, _path, file_size, r in rows:
        print(
            f"| {label} | {r['count']} | {file_size / 2**20:.1f} | {r['wall']:.2f} | {r['cpu']:.2f} "
            f"| {r['cpu'] / base['cpu']:.1f} | {r['peak_rss_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
