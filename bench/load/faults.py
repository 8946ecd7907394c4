"""Fault tests of the production setup (issue 13), on the stack of `bench.load.stack`.

    .venv/bin/python -m bench.load.faults [--projects 100000] [--only NAME …]

- `worker-import`: the job worker is killed (SIGKILL) in the middle of an import job; the
  import is complete or absent (never half-written), the job is retried or failed with its
  reason (never left running).
- `worker-export`: the same in the middle of a whole-portfolio export job; no partial file is
  served.
- `database`: PostgreSQL is stopped while requests (reads and writes) arrive: each answer is a
  translated 503 (never a 500), the site recovers when PostgreSQL returns, and every write
  answered 503 left nothing behind while every write answered 200 is there.
- `kill-all`: server and worker killed with SIGKILL during writes; after a restart every
  acknowledged write is present and every table's row count and checksum equal what
  PostgreSQL held right after the kill; the audit trail verifies.

Stops and starts this machine's PostgreSQL cluster (`pg_ctlcluster`): run it when nobody else
needs the database server.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.load.stack import DB_NAME, IMAR, ROOT, Stack, prepare, psql, table_checksums

CLUSTER = ["15", "main"]
# Tables the platform itself writes while idle (job heartbeats, periodic schedules, sessions).
RESTLESS = ("jobs_", "django_tasks", "django_session", "axes_")


def shell(env: dict, code: str) -> str:
    return subprocess.run(
        [IMAR, "shell", "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def enqueue_import(env: dict, path: Path) -> str:
    """Queue the IATI import of `path` as the upload page does (the officer's upload)."""
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from django.core.files import File\n"
        "from django.db import transaction\n"
        "from imar.aid.tasks import enqueue_iati_import\n"
        "user = get_user_model().objects.get(username='officer')\n"
        f"with open({str(path)!r}, 'rb') as f, transaction.atomic():\n"
        "    job = enqueue_iati_import(File(f, name='faults.xml'), by=user, language='en')\n"
        "print(job.pk)\n"
    )
    return shell(env, code).splitlines()[-1].strip()


def enqueue_export(env: dict, name: str) -> str:
    """Queue the build of the whole-portfolio download `name` for today's public data."""
    code = (
        "from django.db import transaction\n"
        "from imar.opendata import version\n"
        "from imar.opendata.tasks import enqueue_build\n"
        "with transaction.atomic():\n"
        f"    job = enqueue_build({name!r}, version.current())\n"
        "print(job.pk)\n"
    )
    return shell(env, code).splitlines()[-1].strip()


def job_state(job_id: str) -> tuple[str, int, int]:
    line = psql(
        f"SELECT state, coalesce(progress_done, 0), attempts FROM jobs_job WHERE id = '{job_id}'",
        DB_NAME,
    ).strip()
    state, done, attempts = line.split("|")
    return state, int(done), int(attempts)


def wait_for(predicate, timeout: float, every: float = 0.5):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return None


def patch(stack: Stack, token: str, code: str, marker: str) -> int:
    request = urllib.request.Request(
        f"{stack.base}/api/v1/projects/{code}/",
        data=json.dumps({"description_en": marker}).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def markers_present(markers: list[str]) -> set[str]:
    if not markers:
        return set()
    quoted = ",".join("'" + m + "'" for m in markers)
    rows = psql(
        f"SELECT description_en FROM portfolio_project WHERE description_en IN ({quoted})",
        DB_NAME,
    )
    return set(rows.split())


def audit_verifies(env: dict) -> bool:
    return subprocess.run([IMAR, "audit", "verify"], env=env, capture_output=True).returncode == 0


# ---- the faults -------------------------------------------------------------------------


def worker_killed(stack: Stack, start, *, count_sql: str) -> dict:
    """Kill the worker while the job `start(env)` queues runs; then let a new worker finish
    or fail it."""
    before = int(psql(count_sql, DB_NAME).strip())
    job = start(stack.env)
    running = wait_for(lambda: job_state(job)[0] == "running" and job_state(job)[1] > 0, 300)
    if not running:
        return {"ok": False, "why": "the job never reported progress", "job": job_state(job)}
    stack.kill_worker()
    killed_at = job_state(job)
    during = int(psql(count_sql, DB_NAME).strip())
    stack.start_worker()
    ended = wait_for(lambda: job_state(job)[0] in ("succeeded", "failed"), 900)
    after = int(psql(count_sql, DB_NAME).strip())
    state = job_state(job)
    return {
        "ok": bool(ended) and during == before and (state[0] == "failed" or after > before),
        "rows_before": before,
        "rows_right_after_kill": during,
        "rows_at_end": after,
        "state_when_killed": killed_at,
        "final_state": state,
    }


def database_stopped(stack: Stack, token: str, pks: list[str]) -> dict:
    statuses: dict[str, list[int]] = {"read": [], "write": []}
    written: dict[str, int] = {}
    stop = threading.Event()

    def load(offset: int) -> None:
        n = offset
        while not stop.is_set():
            pk = pks[n % len(pks)]
            marker = f"fault-db-{offset}-{n}"
            written[marker] = patch(stack, token, pk, marker)
            statuses["write"].append(written[marker])
            statuses["read"].append(stack.get(f"/en/public/projects/?page={n % 5 + 1}")[0])
            n += 2

    threads = [threading.Thread(target=load, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    subprocess.run(["pg_ctlcluster", *CLUSTER, "stop", "-m", "fast"], check=True)
    down_at = len(statuses["read"]) + len(statuses["write"])
    time.sleep(8)
    during = statuses["read"][down_at // 2 :] + statuses["write"][down_at // 2 :]
    status_503, body = stack.get("/en/public/projects/")[0:3:2]
    subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], check=True)
    recovered_in = wait_for(
        lambda: stack.get("/healthz")[0] == 200 and time.monotonic(), 60, every=0.25
    )
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    answered_ok = [m for m, s in written.items() if s == 200]
    refused = [m for m, s in written.items() if s != 200]
    present = markers_present(list(written))
    codes = sorted(set(statuses["read"] + statuses["write"]))
    return {
        "ok": 500 not in codes
        and status_503 == 503
        and bool(recovered_in)
        and set(answered_ok) <= present
        and not (set(refused) & present),
        "status_codes_seen": codes,
        "answers_while_down": len(during),
        "page_while_down": status_503,
        "page_while_down_translated": "unavailable" in body.decode("utf-8", "replace").lower(),
        "writes_acknowledged": len(answered_ok),
        "writes_refused": len(refused),
        "acknowledged_missing": len(set(answered_ok) - present),
        "refused_but_written": len(set(refused) & present),
        "recovered": bool(recovered_in),
    }


def kill_all(stack: Stack, token: str, pks: list[str]) -> dict:
    written: dict[str, int] = {}
    stop = threading.Event()

    def load(offset: int) -> None:
        n = offset
        while not stop.is_set():
            marker = f"fault-kill-{offset}-{n}"
            written[marker] = patch(stack, token, pks[n % len(pks)], marker)
            n += 3

    threads = [threading.Thread(target=load, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    stack.kill_server()
    stack.kill_worker()
    stop.set()
    for thread in threads:
        thread.join()
    after_kill = table_checksums()
    stack.start()
    time.sleep(5)
    after_restart = table_checksums()
    stable = {t: v for t, v in after_kill.items() if not t.startswith(RESTLESS)}
    changed = [t for t, v in stable.items() if after_restart.get(t) != v]
    acknowledged = [m for m, s in written.items() if s == 200]
    present = markers_present(acknowledged)
    return {
        "ok": not changed and set(acknowledged) <= present and audit_verifies(stack.env),
        "tables_compared": len(stable),
        "rows_compared": sum(v[0] for v in stable.values()),
        "tables_changed_by_restart": changed,
        "writes_acknowledged": len(acknowledged),
        "acknowledged_missing": len(set(acknowledged) - present),
        "audit_verifies": audit_verifies(stack.env),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100000)
    parser.add_argument(
        "--only", nargs="*", default=["worker-import", "worker-export", "database", "kill-all"]
    )
    parser.add_argument(
        "--import-file",
        type=Path,
        default=Path("/tmp/imar-bench/aid/activities-10000.xml"),
        help="an IATI activity file for worker-import (python -m bench.aid_import makes one)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    prepare(args.projects)
    results = {}
    with Stack() as stack:
        token = stack.token("officer")
        pks = psql("SELECT code FROM portfolio_project ORDER BY id LIMIT 50", DB_NAME).split()
        if "worker-import" in args.only:
            results["worker-import"] = worker_killed(
                stack,
                lambda env: enqueue_import(env, args.import_file),
                count_sql="SELECT count(*) FROM aid_donoractivity",
            )
        if "worker-export" in args.only:
            results["worker-export"] = worker_killed(
                stack,
                lambda env: enqueue_export(env, "iati"),
                count_sql="SELECT count(*) FROM opendata_cachedexport WHERE name = 'iati'",
            )
        if "database" in args.only:
            results["database"] = database_stopped(stack, token, pks)
        if "kill-all" in args.only:
            results["kill-all"] = kill_all(stack, token, pks)
    for name, figures in results.items():
        print(f"{'PASS' if figures['ok'] else 'FAIL'} {name}: {json.dumps(figures)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(f"logs: {ROOT / 'logs'}")
    return 0 if all(f["ok"] for f in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
