"""`/healthz`: database, cache, queue, migrations and disk space; 503 with JSON naming what
failed."""

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from imar.jobs import health

CHECKS = {"database", "cache", "queue", "migrations", "disk"}


def test_every_check_passes_on_a_migrated_instance(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "ok", "checks": dict.fromkeys(CHECKS, "ok")}
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unapplied_migration_fails_the_check(client, db):
    MigrationRecorder(connection).migration_qs.filter(app="jobs").order_by("-id")[:1].get().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "error: 1 unapplied"
    assert response.json()["checks"]["database"] == "ok"


def test_low_disk_space_fails_the_check(client, db, settings):
    settings.IMAR_HEALTH_MIN_FREE_MB = 10**12  # more than any disk holds
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["checks"]["disk"] == "error: low space"
    assert str(settings.DATA_DIR) not in response.content.decode()  # no path told


def test_a_database_that_does_not_answer_fails_with_its_class_only(client, db, monkeypatch):
    def down():
        from django.db import OperationalError

        raise OperationalError("password authentication failed for user secret")

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error: OperationalError"
    assert "secret" not in response.content.decode()


def test_the_code_migrations_are_read_once_per_process(client, db, django_assert_max_num_queries):
    client.get("/healthz")
    with django_assert_max_num_queries(6):
        client.get("/healthz")
    assert health._code_migrations.cache_info().hits >= 1
