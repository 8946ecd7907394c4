"""`imar serve`: the production web server, gunicorn running `imar.wsgi:application`.

The options come from settings (`IMAR_WEB_*`), so the systemd unit is one line. Gunicorn's
own messages go to the same log as Imar's, in its format (`IMAR_LOG_FORMAT`); its access log
is off because Imar's request line (imar.core.logs.RequestLog) is the access log, with the
request id and the user. With several workers, the Prometheus counters of every worker are
gathered in a directory (`PROMETHEUS_MULTIPROC_DIR`), emptied at each start, so /metrics
adds them up whichever worker answers.
"""

import os
import re
from pathlib import Path

_BIND = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}|unix:/.+")


def default_workers(cores: int | None = None) -> int:
    """Gunicorn's rule of thumb, 2 per core plus 1, at most 12 (memory goes first beyond)."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, 12)


def check_bind(bind: str) -> str:
    if not _BIND.fullmatch(bind) or (
        not bind.startswith("unix:") and not 0 < int(bind.rsplit(":", 1)[1]) < 65536
    ):
        raise ValueError(bind)
    return bind


def gunicorn_options(settings, *, bind: str | None = None, workers: int | None = None) -> dict:
    """Gunicorn's settings for this instance (names as in gunicorn's configuration file)."""
    return {
        "bind": [check_bind(bind or settings.IMAR_WEB_BIND)],
        "workers": workers or settings.IMAR_WEB_WORKERS,
        # Threads in a worker (gthread) only when asked: sync workers are the simplest.
        "worker_class": "gthread" if settings.IMAR_WEB_THREADS > 1 else "sync",
        "threads": settings.IMAR_WEB_THREADS,
        "timeout": settings.IMAR_WEB_TIMEOUT,
        "graceful_timeout": settings.IMAR_WEB_GRACEFUL_TIMEOUT,
        "keepalive": settings.IMAR_WEB_KEEPALIVE,
        # A worker is replaced after this many requests (with jitter, not all at once), so a
        # slow leak never grows for weeks.
        "max_requests": settings.IMAR_WEB_MAX_REQUESTS,
        "max_requests_jitter": max(settings.IMAR_WEB_MAX_REQUESTS // 10, 0),
        # The proxy's X-Forwarded-* headers are believed only from these addresses.
        "forwarded_allow_ips": ",".join(settings.IMAR_TRUSTED_PROXIES) or "127.0.0.1,::1",
        "proxy_allow_ips": ",".join(settings.IMAR_TRUSTED_PROXIES) or "127.0.0.1,::1",
        # Bounded request lines and headers (gunicorn's defaults, stated): a giant header is
        # refused with 400 before Django sees it.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        "accesslog": None,
        "errorlog": "-",
        "logconfig_dict": settings.LOGGING,
        "proc_name": "imar-web",
        # gunicorn 27's control socket (in the home directory, read-only under systemd's
        # ProtectHome): systemctl reload/restart is the interface.
        "control_socket_disable": True,
        "worker_tmp_dir": "/dev/shm" if Path("/dev/shm").is_dir() else None,
        "preload_app": False,
    }


def prepare_metrics_dir(path: Path) -> Path:
    """The directory for the workers' Prometheus files, without the files of a previous run
    (they would count twice); only those files (`*.db`) are removed."""
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    return path


def child_exit(server, worker) -> None:
    """Gunicorn hook: a worker that ended no longer counts in the live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def command_line(python: str) -> list[str]:
    """The process `imar serve` becomes: gunicorn, configured by imar.core.gunicorn_conf.

    A fresh process rather than gunicorn run inside the command: the command has set Django
    up, and the Prometheus client must see PROMETHEUS_MULTIPROC_DIR before it is imported."""
    return [python, "-m", "gunicorn", "--config", "python:imar.core.gunicorn_conf", WSGI_APP]


WSGI_APP = "imar.wsgi:application"
