"""`imar backup` and `imar restore`: one archive, checked by its manifest, restored whole.

The SQLite route: this test database (with projects, a report with photos, the audit trail)
is backed up through the online backup API, then restored by `imar restore` in another
process into an empty instance (no database file, no media), and every table (rows and
checksum) and every file (SHA-256) is compared. The PostgreSQL route (pg_dump/pg_restore)
runs when the tests run on PostgreSQL, into a throwaway database beside the test database.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from imar.core import backup
from imar.monitoring.reports import report_save
from tests.monitoring.test_reports_views import jpeg

PROJECT_DIR = Path(__file__).resolve().parents[2]


# Transactional: the online backup reads the database through the connection, which must
# not hold an open transaction on SQLite's shared in-memory test database.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def instance(settings, tmp_path, engineer, officer, make_project):
    """A small instance: projects, a report with two photos (public copies and originals)."""
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    project = make_project()
    make_project()
    report_save(
        by=engineer,
        project=project,
        report_date=date(2025, 4, 1),
        physical_percent="30",
        photos=[(jpeg(), "east"), (jpeg(), "roof")],
    )
    return tmp_path


def _files(*roots: Path) -> dict[str, str]:
    out = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                out[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return out


def _imar(*arguments, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from imar.manage import main; main()", *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _empty_instance(root: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMAR_")}
    env.update(
        DATABASE_URL=database_url,
        IMAR_DATA_DIR=str(root),
        IMAR_MEDIA_ROOT=str(root / "media"),
        IMAR_AUDIT_KEY=settings.IMAR_AUDIT_KEY,
        IMAR_PROGRESS="0",
    )
    return env


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
    reason="the SQLite route; test_postgresql_route covers PostgreSQL",
)
def test_restore_into_an_empty_instance_gives_back_every_table_and_file(instance):
    archive = instance / "backup.tar.gz"
    call_command("backup", output=str(archive))
    before = backup.database_digests()
    media = Path(settings.MEDIA_ROOT)
    files_before = _files(media, media.with_name("media-private"))
    assert len(files_before) == 4  # two originals, two public copies

    with tarfile.open(archive) as packed:
        manifest = json.loads(packed.extractfile("manifest.json").read())
        assert "database/imar.sqlite3" in packed.getnames()
        assert "audit/checkpoint.json" in packed.getnames()
    assert manifest["engine"] == "sqlite" and manifest["versions"]["django"]
    assert manifest["tables"] == before  # the copy is this database, checkpoint event included
    assert manifest["tables"]["portfolio_project"]["rows"] == 2
    assert sorted(manifest["files"]) == sorted(
        f"media/{'public' if k.startswith('media/') else 'private'}/{k.split('/', 1)[1]}"
        for k in files_before
    )
    assert manifest["checkpoint"]["count"] > 0

    target = instance / "target"
    env = _empty_instance(target, f"sqlite:///{target / 'imar.sqlite3'}")
    restored = _imar("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "every table and file matches" in restored.stdout
    assert "audit trail holds its checkpoint" in restored.stdout

    copy = sqlite3.connect(target / "imar.sqlite3")
    try:
        assert backup.sqlite_digests(copy) == before
    finally:
        copy.close()
    assert _files(target / "media", target / "media-private") == files_before

    # Now the instance is not empty: a second restore is refused unless forced.
    again = _imar("restore", str(archive), env=env)
    assert again.returncode != 0 and "not empty" in again.stderr
    assert "users" in again.stderr and "files" in again.stderr
    (target / "media" / "stray.txt").write_text("not in the backup")
    forced = _imar("restore", "--force", str(archive), env=env)
    assert forced.returncode == 0, forced.stderr
    assert not (target / "media" / "stray.txt").exists()
    assert _files(target / "media", target / "media-private") == files_before


def test_restore_refuses_a_non_empty_instance_without_force(instance):
    archive = instance / "backup.tar"
    call_command("backup", output=str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(archive))


def test_a_damaged_or_foreign_archive_is_refused_before_anything_changes(instance):
    archive = instance / "backup.tar"
    call_command("backup", output=str(archive))
    with tarfile.open(archive) as packed:
        members = [(m, packed.extractfile(m).read()) for m in packed.getmembers()]
    damaged = instance / "damaged.tar"
    with tarfile.open(damaged, "w") as out:
        for member, data in members:
            if member.name.startswith("media/private/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            out.addfile(member, io.BytesIO(data))
    work = instance / "work"
    work.mkdir()
    with pytest.raises(backup.BackupError, match="does not match its SHA-256"):
        backup.read_backup(damaged, work)

    hostile = instance / "hostile.tar"
    with tarfile.open(hostile, "w") as out:
        for member, data in members:
            out.addfile(member, io.BytesIO(data))
        extra = tarfile.TarInfo("../../escape.txt")
        extra.size = 1
        out.addfile(extra, io.BytesIO(b"x"))
    with pytest.raises(backup.BackupError, match="not listed in the manifest"):
        backup.read_backup(hostile, work)
    assert not (instance.parent / "escape.txt").exists()

    garbage = instance / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(garbage))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(instance / "missing.tar"))


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the PostgreSQL route runs when the tests run on PostgreSQL (DATABASE_URL)",
)
def test_postgresql_route(instance):
    archive = instance / "backup.tar.gz"
    call_command("backup", output=str(archive))
    before = backup.database_digests()
    with tarfile.open(archive) as packed:
        assert "database/imar.pgdump" in packed.getnames()
    scratch = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        target = instance / "target"
        env = _empty_instance(target, _pg_url(scratch))
        restored = _imar("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "every table and file matches" in restored.stdout
        media = Path(settings.MEDIA_ROOT)
        assert _files(target / "media", target / "media-private") == _files(
            media, media.with_name("media-private")
        )
        check = _imar(
            "shell",
            "-c",
            "import json; from imar.core.backup import database_digests; "
            "print(json.dumps(database_digests()))",
            env=env,
        )
        assert check.returncode == 0, check.stderr
        assert json.loads(check.stdout.strip().splitlines()[-1]) == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
