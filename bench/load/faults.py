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


def check_writes(history: dict[str, list[tuple[str, int]]]) -> dict:
    """Each project was written by one thread, in order: its description must be the last
    acknowledged write's, or a later one whose answer never came (committed as the server
    died); never a write answered with a refusal (503, 4xx)."""
    codes = ",".join("'" + code + "'" for code in history)
    current = dict(
        line.split("|", 1)
        for line in psql(
            f"SELECT code, description_en FROM portfolio_project WHERE code IN ({codes})", DB_NAME
        ).splitlines()
    )
    lost, refused_but_written = 0, 0
    for code, writes in history.items():
        acknowledged = [i for i, (_, status) in enumerate(writes) if status == 200]
        value = current.get(code)
        allowed = set()
        start = acknowledged[-1] if acknowledged else -1
        if start >= 0:
            allowed.add(writes[start][0])
        allowed |= {m for m, status in writes[start + 1 :] if status == 0}
        if not acknowledged:
            allowed.add(None)  # never acknowledged: still the value before, any of ours absent
        written = {m for m, _ in writes}
        if value in written and value not in allowed:
            status = dict(writes)[value]
            if status != 200:
                refused_but_written += 1
            else:
                lost += 1  # an older acknowledged value: a later acknowledged write was lost
        elif value not in written and acknowledged:
            lost += 1
    return {
        "writes_acknowledged": sum(s == 200 for w in history.values() for _, s in w),
        "writes_refused": sum(s not in (200, 0) for w in history.values() for _, s in w),
        "writes_unanswered": sum(s == 0 for w in history.values() for _, s in w),
        "acknowledged_lost": lost,
        "refused_but_written": refused_but_written,
    }


def audit_verifies(env: dict) -> bool:
    return subprocess.run([IMAR, "audit", "verify"], env=env, capture_output=True).returncode == 0


# ---- the faults -------------------------------------------------------------------------


def live_state(stack: Stack, token: str, job_id: str) -> tuple[str, int]:
    """The job's state and progress as its page sees them (the API: a job reporting from
    inside its own transaction reports through the cache, not its row)."""
    status, _, body = stack.get(f"/api/v1/jobs/{job_id}/", {"Authorization": f"Token {token}"})
    if status != 200:
        return "unknown", 0
    data = json.loads(body)
    return data["state"], data["progress"]["done"] or 0


def worker_killed(stack: Stack, token: str, start, *, count_sql: str) -> dict:
    """Kill the worker while the job `start(env)` queues runs; then let a new worker finish
    or fail it."""
    before = int(psql(count_sql, DB_NAME).strip())
    job = start(stack.env)
    running = wait_for(
        lambda: (lambda state: state[0] == "running" and state[1] > 0)(
            live_state(stack, token, job)
        ),
        300,
        every=0.2,
    )
    if not running:
        return {"ok": False, "why": "the job never reported progress", "job": job_state(job)}
    stack.kill_worker()
    killed_at = (*live_state(stack, token, job), job_state(job)[2])
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
    history: dict[str, list[tuple[str, int]]] = {code: [] for code in pks}
    stop = threading.Event()

    def load(offset: int) -> None:
        mine, n = pks[offset::2], 0
        while not stop.is_set():
            code = mine[n % len(mine)]
            marker = f"fault-db-{offset}-{n}"
            status = patch(stack, token, code, marker)
            history[code].append((marker, status))
            statuses["write"].append(status)
            statuses["read"].append(stack.get(f"/en/public/projects/?page={n % 5 + 1}")[0])
            n += 1

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
    writes = check_writes(history)
    codes = sorted(set(statuses["read"] + statuses["write"]))
    return {
        "ok": 500 not in codes
        and status_503 == 503
        and bool(recovered_in)
        and not writes["acknowledged_lost"]
        and not writes["refused_but_written"],
        "status_codes_seen": codes,
        "answers_while_down": len(during),
        "page_while_down": status_503,
        "page_while_down_translated": "unavailable" in body.decode("utf-8", "replace").lower(),
        **writes,
        "recovered": bool(recovered_in),
    }


def kill_all(stack: Stack, token: str, pks: list[str]) -> dict:
    history: dict[str, list[tuple[str, int]]] = {code: [] for code in pks}
    stop = threading.Event()

    def load(offset: int) -> None:
        mine, n = pks[offset::3], 0
        while not stop.is_set():
            code = mine[n % len(mine)]
            marker = f"fault-kill-{offset}-{n}"
            history[code].append((marker, patch(stack, token, code, marker)))
            n += 1

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
    writes = check_writes(history)
    verifies = audit_verifies(stack.env)
    return {
        "ok": not changed
        and not writes["acknowledged_lost"]
        and not writes["refused_but_written"]
        and verifies,
        "tables_compared": len(stable),
        "rows_compared": sum(v[0] for v in stable.values()),
        "tables_changed_by_restart": changed,
        **writes,
        "audit_verifies": verifies,
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
                token,
                lambda env: enqueue_import(env, args.import_file),
                count_sql="SELECT count(*) FROM aid_donoractivity",
            )
        if "worker-export" in args.only:
            results["worker-export"] = worker_killed(
                stack,
                token,
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
