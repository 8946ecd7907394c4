"""The production stack on this machine, for the load and fault tests (not part of `make test`).

PostgreSQL (a scratch database `imar_load` on 127.0.0.1:5432), Redis (database 14) for the
cache and the job queue (RQ), `imar serve` with several gunicorn workers and one `imar worker`,
all on loopback, configured only through the environment, as docs/deploy.md does it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
IMAR = str(VENV_BIN / "imar")
ROOT = Path("/tmp/imar-load")
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "imar_load"
REDIS = "redis://127.0.0.1:6379/14"
PASSWORD = "imar-demo-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workers: int = 2, database: str = DB_NAME) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"{PG}/{database}",
            "IMAR_DB_CONN_MAX_AGE": "60",
            "IMAR_REDIS_URL": REDIS,
            "IMAR_JOBS_BACKEND": "redis",
            "IMAR_JOBS_REDIS_URL": REDIS,
            "IMAR_DEBUG": "false",
            "IMAR_SECRET_KEY": "load-test-secret-" + "x" * 40,
            "IMAR_AUDIT_KEY": "load-test-audit-" + "y" * 40,
            "IMAR_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "IMAR_DATA_DIR": str(ROOT),
            "IMAR_SECURE_COOKIES": "false",
            "IMAR_2FA_ENFORCED": "false",
            "IMAR_WEB_WORKERS": str(workers),
            # The load comes from one address: the production throttles would answer 429.
            "IMAR_API_ANON_RATE": "100000000/minute",
            "IMAR_API_USER_RATE": "100000000/minute",
            "IMAR_LOG_LEVEL": "ERROR",
        }
    )
    return env


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def imar(*arguments: str, env: dict, quiet: bool = True) -> None:
    subprocess.run(
        [IMAR, *arguments],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare(projects: int, *, rebuild: bool = False) -> dict:
    """Build (once) the scratch database with `projects` demo projects; returns timings."""
    ROOT.mkdir(parents=True, exist_ok=True)
    marker = ROOT / f"ready-{projects}"
    env = environment()
    if marker.exists() and not rebuild:
        return json.loads(marker.read_text())
    for old in ROOT.glob("ready-*"):
        old.unlink()
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    subprocess.run(["redis-cli", "-n", "14", "FLUSHDB"], check=True, capture_output=True)
    started = time.perf_counter()
    imar("migrate", "--noinput", env=env)
    migrated = time.perf_counter()
    imar("demo", "--projects", str(projects), env=env)
    built = time.perf_counter()
    imar("collectstatic", "--noinput", env=env)
    figures = {
        "projects": projects,
        "migrate_seconds": round(migrated - started, 1),
        "demo_seconds": round(built - migrated, 1),
    }
    marker.write_text(json.dumps(figures))
    return figures


class Stack:
    """`imar serve` and `imar worker` as child processes (each in its own process group)."""

    def __init__(self, workers: int = 2):
        self.workers = workers
        self.env = environment(workers)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.logs = ROOT / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def _spawn(self, name: str, *arguments: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (lives with the process)
        return subprocess.Popen(
            [IMAR, *arguments],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_server(self) -> None:
        self.server = self._spawn("serve", "serve", "--bind", f"127.0.0.1:{self.port}")
        self.wait_healthy()

    def start_worker(self) -> None:
        self.worker = self._spawn("worker", "worker")

    def start(self) -> Stack:
        self.start_server()
        self.start_worker()
        return self

    @staticmethod
    def _kill(process: subprocess.Popen | None, sig=signal.SIGTERM) -> None:
        if process and process.poll() is None:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def kill_worker(self, sig=signal.SIGKILL) -> None:
        self._kill(self.worker, sig)

    def kill_server(self, sig=signal.SIGKILL) -> None:
        self._kill(self.server, sig)

    def stop(self) -> None:
        self._kill(self.worker)
        self._kill(self.server)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_healthy(self, timeout: float = 120) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.server and self.server.poll() is not None:
                raise RuntimeError(f"imar serve exited; see {self.logs / 'serve.log'}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise RuntimeError("the server did not become healthy")

    # --- HTTP helpers -------------------------------------------------------------------
    def get(self, path: str, headers: dict | None = None, timeout: float = 60):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def token(self, username: str) -> str:
        body = json.dumps({"username": username, "password": PASSWORD}).encode()
        request = urllib.request.Request(
            self.base + "/api/v1/auth/token/",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())["token"]

    def session_cookie(self, username: str) -> str:
        """Sign in through the login form; returns the Cookie header of the signed-in session."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(self.base + "/en/accounts/login/", timeout=30).read()
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        form = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        ).encode()
        request = urllib.request.Request(
            self.base + "/en/accounts/login/",
            data=form,
            headers={"Referer": self.base + "/en/accounts/login/"},
        )
        opener.open(request, timeout=30).read()
        cookies = {c.name: c.value for c in jar}
        if "sessionid" not in cookies:
            raise RuntimeError(f"could not sign in as {username}")
        return "; ".join(f"{k}={v}" for k, v in cookies.items())


def table_checksums(database: str = DB_NAME) -> dict[str, tuple[int, str]]:
    """Row count and an md5 of every row (ordered by its text) of every table."""
    tables = psql(
        "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY tablename", database
    ).split()
    result = {}
    for table in tables:
        line = psql(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{table}" t',
            database,
        ).strip()
        count, digest = line.split("|")
        result[table] = (int(count), digest)
    return result


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
