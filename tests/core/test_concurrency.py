"""Concurrent writers through real HTTP against a threaded server in its own process: on a
SQLite file database (the default deployment) or on the PostgreSQL test database.

- Two clients PATCH different fields of one project at the same moment, 20 times: both
  changes stay every time (before: one was lost in 19 of 20 trials on PostgreSQL, and SQLite
  answered 500 "database is locked").
- Two clients PATCH with the same If-Match: exactly one wins, the other gets 412.
- Writers keep writing while a long import holds the write lock (SQLite's one writer; on
  PostgreSQL the import's rows): they wait, none fails, and pages keep answering meanwhile.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[2]
TRIALS = 20
# On PostgreSQL the server works on the test database itself, so the rows it commits must be
# flushed after each test, not rolled back.
pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Live:
    process: subprocess.Popen
    url: str
    info: dict
    lines: queue.Queue
    token: str = ""

    def request(self, method: str, path: str, body=None, **headers):
        """(status, JSON body or text, headers), never raising for an HTTP error."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept-Language", "en")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Token {self.token}")
        for name, value in headers.items():
            request.add_header(name.replace("_", "-"), value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, raw, answer_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, answer_headers = error.code, error.read(), error.headers
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            payload = raw.decode(errors="replace")
        return status, payload, answer_headers

    def command(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def next_line(self, timeout: float = 120) -> dict:
        return json.loads(self.lines.get(timeout=timeout))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """One migrated SQLite file per test worker, copied for each live server."""
    path = tmp_path_factory.mktemp("live-template") / "template.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "IMAR_DATA_DIR": str(path.parent)}
    subprocess.run(
        [sys.executable, "-c", "from imar.manage import main; main()", "migrate", "-v0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return path


def _postgres_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def live(request, tmp_path):
    """The threaded server, on a fresh SQLite file or on the PostgreSQL test database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
    env["IMAR_DATA_DIR"] = str(tmp_path)
    if connection.vendor == "sqlite":
        database = tmp_path / "live.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), database)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    else:
        env["DATABASE_URL"] = _postgres_url()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.live_server", "--projects", str(TRIALS + 1)],
        cwd=PROJECT_DIR,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        info = json.loads(lines.get(timeout=120))
        server = Live(process, f"http://127.0.0.1:{info['port']}", info, lines)
        status, body, _ = server.request(
            "POST",
            "/api/v1/auth/token/",
            {"username": info["username"], "password": info["password"]},
        )
        assert status == 200, body
        server.token = body["token"]
        yield server
    finally:
        process.kill()
        process.wait(timeout=30)


def _together(*calls):
    """Run the calls in threads released at the same instant; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_patches_of_different_fields_both_stay(live):
    lost, statuses = [], []
    for code in live.info["projects"][:TRIALS]:
        path = f"/api/v1/projects/{code}/"
        title, budget = f"Renamed {code}", "2500.00"
        first, second = _together(
            lambda path=path, title=title: live.request("PATCH", path, {"title_en": title}),
            lambda path=path, budget=budget: live.request("PATCH", path, {"budget": budget}),
        )
        statuses += [first[0], second[0]]
        _, stored, _ = live.request("GET", path)
        if (stored["title_en"], stored["budget"]) != (title, budget):
            lost.append((code, stored["title_en"], stored["budget"]))
    assert statuses == [200] * (2 * TRIALS), statuses
    assert lost == []


def test_concurrent_patches_from_the_same_version_one_wins_the_other_gets_412(live):
    outcomes = []
    for code in live.info["projects"][:TRIALS]:
        path = f"/api/v1/projects/{code}/"
        etag = live.request("GET", path)[2]["ETag"]
        first, second = _together(
            lambda path=path, etag=etag: live.request(
                "PATCH", path, {"title_en": "A"}, If_Match=etag
            ),
            lambda path=path, etag=etag: live.request(
                "PATCH", path, {"budget": "7.00"}, If_Match=etag
            ),
        )
        outcomes.append(sorted([first[0], second[0]]))
        _, stored, _ = live.request("GET", path)
        won = first if first[0] == 200 else second
        changed = (stored["title_en"] == "A") + (stored["budget"] == "7.00")
        assert changed == 1 and stored["row_version"] == won[1]["row_version"]
    assert outcomes == [[200, 412]] * TRIALS


def test_writers_wait_for_a_long_import_and_none_fails(live):
    writers, rounds = 4, 5
    live.command("import 500")
    assert live.next_line() == {"import_started": True}
    time.sleep(0.3)  # the import has begun its transaction
    statuses: list[int] = []
    read_seconds: list[float] = []

    def write(worker: int):
        for n in range(rounds):
            code = live.info["projects"][(worker * rounds + n) % TRIALS]
            status, body, _ = live.request(
                "PATCH", f"/api/v1/projects/{code}/", {"beneficiaries": 100 + n}
            )
            statuses.append(status)

    def read():
        for _ in range(rounds):
            started = time.perf_counter()
            status, _, _ = live.request("GET", "/api/v1/projects/?page_size=5")
            read_seconds.append(time.perf_counter() - started)
            statuses.append(status)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    threads.append(threading.Thread(target=read))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = live.next_line()["import"]
    assert done["imported"] == 500 and done["errors"] == [], done
    assert statuses == [200] * len(statuses) and len(statuses) == (writers + 1) * rounds
    # Reads do not queue behind the import's write lock: each answers well before it ends.
    assert max(read_seconds) < max(done["seconds"] / 2, 1.0), (read_seconds, done)
