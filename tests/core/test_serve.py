"""`imar serve`: gunicorn configured from settings, and a real short-lived start that
answers /healthz, echoes the request id, logs JSON lines, and turns an unreachable database
into the translated 503 page."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from imar.core import serving


def _settings(**overrides):
    values = {
        "IMAR_WEB_BIND": "127.0.0.1:8000",
        "IMAR_WEB_WORKERS": 3,
        "IMAR_WEB_THREADS": 1,
        "IMAR_WEB_TIMEOUT": 60,
        "IMAR_WEB_GRACEFUL_TIMEOUT": 30,
        "IMAR_WEB_KEEPALIVE": 5,
        "IMAR_WEB_MAX_REQUESTS": 5000,
        "IMAR_TRUSTED_PROXIES": [],
        "LOGGING": {"version": 1},
    }
    return SimpleNamespace(**{**values, **overrides})


def test_the_options_come_from_the_settings():
    options = serving.gunicorn_options(_settings(IMAR_WEB_WORKERS=5, IMAR_WEB_TIMEOUT=90))
    assert options["bind"] == ["127.0.0.1:8000"]
    assert options["workers"] == 5 and options["worker_class"] == "sync"
    assert options["timeout"] == 90 and options["graceful_timeout"] == 30
    assert options["max_requests"] == 5000 and options["max_requests_jitter"] == 500
    assert options["accesslog"] is None  # Imar's request line is the access log
    assert options["logconfig_dict"] == {"version": 1}
    assert options["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_the_flags_win_and_threads_choose_gthread():
    options = serving.gunicorn_options(
        _settings(IMAR_WEB_THREADS=4, IMAR_TRUSTED_PROXIES=["10.0.0.5", "10.0.1.0/24"]),
        bind="0.0.0.0:9000",
        workers=2,
    )
    assert options["bind"] == ["0.0.0.0:9000"] and options["workers"] == 2
    assert options["worker_class"] == "gthread" and options["threads"] == 4
    assert options["forwarded_allow_ips"] == "10.0.0.5,10.0.1.0/24"


@pytest.mark.parametrize("bind", ["8000", "host:", "127.0.0.1:70000", "a b:80", "127.0.0.1:0"])
def test_a_bad_bind_is_refused(bind):
    with pytest.raises(ValueError):
        serving.check_bind(bind)


@pytest.mark.parametrize(
    "bind", ["127.0.0.1:8000", "[::1]:8000", "localhost:80", "unix:/run/imar.sock"]
)
def test_good_binds_pass(bind):
    assert serving.check_bind(bind) == bind


def test_default_workers_follow_the_cores():
    assert serving.default_workers(1) == 3
    assert serving.default_workers(2) == 5
    assert serving.default_workers(64) == 12


def test_print_config_shows_the_settings(settings):
    settings.IMAR_WEB_WORKERS = 7
    out = StringIO()
    call_command("serve", "--bind", "127.0.0.1:8123", "--print-config", stdout=out)
    assert "bind = ['127.0.0.1:8123']" in out.getvalue()
    assert "workers = 7" in out.getvalue()


def test_the_command_refuses_a_bad_bind_with_a_message():
    with pytest.raises(CommandError, match="--bind must be HOST:PORT"):
        call_command("serve", "--bind", "nowhere", "--print-config")


def test_the_workers_setting_is_strict():
    from tests.core.test_settings import _import_settings

    bad = _import_settings(IMAR_WEB_WORKERS="many")
    assert bad.returncode != 0 and "IMAR_WEB_WORKERS must be a whole number" in bad.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _serve(tmp_path, **env):
    """`imar serve` on a free port with one worker; yields its base URL, then stops it."""
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("IMAR_", "DATABASE"))}
    environment.update(
        IMAR_DATA_DIR=str(tmp_path), IMAR_LOG_FORMAT="json", IMAR_LOG_LEVEL="INFO", **env
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "imar.manage",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "serve.log", "w"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
    return process, base


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_real_start_answers_healthz_and_the_503_page_with_the_database_down(tmp_path):
    """gunicorn for real, its database refusing connections (nothing listens on port 9)."""
    process, base = _serve(tmp_path, DATABASE_URL="postgres://imar@127.0.0.1:9/imar_serve")
    try:
        status, headers, body = _get(f"{base}/healthz", **{"X-Request-ID": "probe-42"})
        checks = json.loads(body)["checks"]
        assert status == 503 and checks["database"] == "error: OperationalError"
        assert checks["cache"] == "ok" and checks["disk"] == "ok"
        assert headers["X-Request-ID"] == "probe-42"
        assert headers["Server"] == "gunicorn"
        status, headers, body = _get(f"{base}/", **{"Accept-Language": "ar"})
        assert status == 503 and headers["Retry-After"] == "30"
        page = body.decode()
        assert 'dir="rtl"' in page and "الخدمة غير متاحة مؤقتًا" in page
    finally:
        _stop(process)
    log = (tmp_path / "serve.log").read_text().splitlines()
    lines = [json.loads(line) for line in log if line.startswith("{")]
    requests = [line for line in lines if line["logger"] == "imar.request"]
    assert [(r["path"], r["status"]) for r in requests] == [("/healthz", 503), ("/", 503)]
    assert requests[0]["request_id"] == "probe-42"
    assert len(requests[1]["request_id"]) == 32  # none sent: a new one
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # gunicorn's own, as JSON


def test_a_start_empties_the_metrics_directory_of_its_own_files_only(tmp_path):
    (tmp_path / "counter_123.db").write_bytes(b"old")
    (tmp_path / "keep.txt").write_text("not ours")
    assert serving.prepare_metrics_dir(tmp_path / "new") == tmp_path / "new"
    serving.prepare_metrics_dir(tmp_path)
    assert not (tmp_path / "counter_123.db").exists() and (tmp_path / "keep.txt").exists()


def test_the_command_line_runs_gunicorn_with_imars_configuration():
    assert serving.command_line("/venv/python") == [
        "/venv/python", "-m", "gunicorn", "--config", "python:imar.core.gunicorn_conf",
        "imar.wsgi:application",
    ]  # fmt: skip
