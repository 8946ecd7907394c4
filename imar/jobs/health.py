"""`/healthz`: whether this instance can serve, for the proxy and the monitoring (JSON).

Checks the database (a query), the cache (a write and a read) and the job queue (the
configured backend answers: Redis pings, or the database's task table reads). 200 when all
answer, 503 otherwise; only "ok" or the error's class per check, nothing more.
"""

from django.core.cache import cache
from django.db import connection
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


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure is a "no": say which, not why in detail
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
