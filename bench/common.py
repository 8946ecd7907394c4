"""Shared benchmark helpers: a scratch database with the demo portfolio, and timing.

Call `scratch_database` before anything imports Django models: it points the settings at
a SQLite file under /tmp (built once per size and seed, reused by later runs) and sets
Django up.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path

SCRATCH_ROOT = Path("/tmp/imar-bench")
# The demo steps a registry benchmark needs; the others (needs, forum...) add nothing here.
PORTFOLIO_STEPS = ["imar.demo.accounts", "imar.demo.organizations", "imar.demo.portfolio"]


def scratch_database(projects: int, *, seed: int = 2023, steps=PORTFOLIO_STEPS) -> dict:
    """Set Django up on a scratch SQLite database holding the demo with `projects` projects.

    Returns {"path", "built_seconds"} (built_seconds is None when an earlier run built it).
    A DATABASE_URL in the environment is ignored: the figures are for the SQLite default.
    """
    directory = SCRATCH_ROOT / f"projects-{projects}-seed-{seed}"
    ready = directory / "ready"
    if not ready.exists():
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    os.environ["IMAR_DATA_DIR"] = str(directory)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    # Benchmarks send many anonymous requests in a burst; the production throttle would 429.
    os.environ.setdefault("IMAR_API_ANON_RATE", "1000000/minute")
    os.environ.setdefault("IMAR_API_USER_RATE", "1000000/minute")
    import django

    django.setup()
    built = None
    if not ready.exists():
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        output = StringIO()
        call_command("demo", projects=projects, seed=seed, only=list(steps), stdout=output)
        built = time.perf_counter() - started
        ready.write_text(output.getvalue())
    return {"path": directory, "built_seconds": built}


def median_seconds(call: Callable[[], object], *, repeat: int, warmup: int = 2) -> float:
    """Median wall time of `call` over `repeat` runs, after `warmup` untimed runs."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def median_times(
    call: Callable[[], object], *, repeat: int, warmup: int = 2
) -> tuple[float, float]:
    """Median wall time and median CPU time of this process for `call` (seconds).

    On a shared machine the wall time grows with other people's load; the CPU time (which
    includes SQLite, running in-process) stays close to what an idle machine would show.
    """
    for _ in range(warmup):
        call()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus)
