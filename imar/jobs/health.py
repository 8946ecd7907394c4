"""`/healthz`: whether this instance can serve, for the proxy and the monitoring (JSON).

Checks the database (a query), the cache (a write and a read), the job queue (the
configured backend answers: Redis pings, or the database's task table reads), that every
migration of the code is applied (an upgrade whose `imar migrate` was forgotten), and the
free disk space where the data, media and static files live (IMAR_HEALTH_MIN_FREE_MB).
200 when all pass, 503 otherwise; per check "ok" or a short reason (an error's class, a
count), never a path or a message that would tell a stranger more.
"""

import functools
import shutil
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from imar.jobs import worker


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("imar:healthz", "1", 10)
    if cache.get("imar:healthz") != "1":
        raise RuntimeError("cache did not keep a value")


def _queue() -> None:
    kind = worker.backend_kind()
    if kind == "rq":
        import django_rq

        django_rq.get_connection("default").ping()
    elif kind == "database":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.ready().exists()


class CheckFailed(Exception):
    """A check that ran and found a problem; its message is the reason shown."""


@functools.cache
def _code_migrations() -> frozenset[tuple[str, str]]:
    """Every migration on disk, read once per process (the code does not change under it)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def _migrations() -> None:
    applied = set(MigrationRecorder(connection).applied_migrations())  # one query
    pending = len(_code_migrations() - applied)
    if pending:
        raise CheckFailed(f"{pending} unapplied")


def _disk_paths() -> set:
    paths = {settings.DATA_DIR, settings.MEDIA_ROOT, settings.STATIC_ROOT}
    if connection.vendor == "sqlite":
        paths.add(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    return paths


def _disk() -> None:
    needed = settings.IMAR_HEALTH_MIN_FREE_MB * 1024 * 1024
    for path in _disk_paths():
        target = _existing(path)
        if target is not None and shutil.disk_usage(target).free < needed:
            raise CheckFailed("low space")


def _existing(path):
    """The path, or its nearest existing parent (static files not collected yet)."""
    for candidate in (Path(path), *Path(path).parents):
        if candidate.exists():
            return candidate
    return None


CHECKS = {
    "database": _database,
    "cache": _cache,
    "queue": _queue,
    "migrations": _migrations,
    "disk": _disk,
}


# Outside the request's transaction (autocommit): one failing query does not abort the
# transaction the next check would run in.
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except CheckFailed as failed:
            results[name] = f"error: {failed}"
        except Exception as exc:  # any failure is a "no": say which, not why in detail
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
