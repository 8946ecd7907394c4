"""Backups of one Imar instance in one archive: the database, the media files, a manifest.

    write_backup(path, checkpoint=..., progress=...)  ->  the manifest it wrote
    read_backup(path, workdir, progress=...)          ->  a checked `Unpacked` backup
    restore_database(unpacked, progress=...)          ->  the database replaced
    restore_media(unpacked, progress=...)             ->  the files replaced

The embedded SQLite database is copied with SQLite's online backup API
(`sqlite3.Connection.backup`), page by page, so a backup taken while the site serves is a
consistent snapshot (a file copy of a WAL database is not). On PostgreSQL the database goes
through `pg_dump --format=custom` and comes back with `pg_restore`. Media are read through the
storages (local disk or S3-compatible), the public one and the private one.

The archive (a tar file, gzip-compressed unless its name ends in `.tar`) holds
`manifest.json` (first), `database/…`, `media/public/…`, `media/private/…` and
`audit/checkpoint.json`. The manifest records the versions (Imar, Django, Python, the database
server), the migrations applied, every table's row count and checksum, and every file's size
and SHA-256. A restore checks every member against it before anything is replaced, and checks
every table and file again after.

Nothing here knows the domain apps; the commands (`imar backup`, `imar restore`) add the
audit checkpoint and decide what counts as a non-empty instance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from imar.core.storage import private_storage

FORMAT = "imar-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKPOINT = "audit/checkpoint.json"
SQLITE_MEMBER = "database/imar.sqlite3"
PG_MEMBER = "database/imar.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why, for the operator."""


def _quiet(done, total=None, message=None):
    return None


# --- the database's content, as row counts and checksums --------------------------------


def _canonical(value):
    if isinstance(value, bytes | bytearray | memoryview):
        return "b:" + bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal | dt.date | dt.datetime | dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def _digest_rows(cursor, quoted: str, select: str = "*") -> tuple[int, str]:
    cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")
    columns = len(cursor.description)
    order = ", ".join(str(n) for n in range(1, columns + 1))
    cursor.execute(f"SELECT {select} FROM {quoted} ORDER BY {order}")
    digest, rows = hashlib.sha256(), 0
    while batch := cursor.fetchmany(5000):
        for row in batch:
            digest.update(json.dumps([_canonical(v) for v in row], default=str).encode() + b"\n")
        rows += len(batch)
    return rows, digest.hexdigest()


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(raw: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def sqlite_digests(raw: sqlite3.Connection, progress=_quiet) -> dict[str, dict]:
    """Every table of a SQLite database (a plain `sqlite3` connection): rows and checksum."""
    tables = sqlite_tables(raw)
    out = {}
    cursor = raw.cursor()
    for done, table in enumerate(tables):
        progress(done, len(tables), table)
        quoted = _sqlite_quote(table)
        # `+column` is the stored value without the declared type, so the converters a
        # connection registered (Django's: bool, date, datetime, decimal) do not apply and
        # any connection to the same file sees the same values.
        names = [row[1] for row in raw.execute(f"PRAGMA table_info({quoted})")]
        select = ", ".join(f"+{_sqlite_quote(name)}" for name in names)
        rows, sha = _digest_rows(cursor, quoted, select)
        out[table] = {"rows": rows, "sha256": sha}
    cursor.close()
    return out


def database_digests(progress=_quiet) -> dict[str, dict]:
    """Every table of the configured database: its row count and a checksum of its rows."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return sqlite_digests(connection.connection, progress)
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        out = {}
        for done, table in enumerate(tables):
            progress(done, len(tables), table)
            rows, sha = _digest_rows(cursor, connection.ops.quote_name(table))
            out[table] = {"rows": rows, "sha256": sha}
    return out


def compare_digests(expected: dict, found: dict) -> list[str]:
    """What differs between two sets of table digests, one line per table."""
    problems = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if got is None:
            problems.append(f"table {table}: missing")
        elif want is None:
            problems.append(f"table {table}: not in the backup")
        elif want["rows"] != got["rows"]:
            problems.append(f"table {table}: {got['rows']} rows, the backup had {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"table {table}: same {got['rows']} rows, different content")
    return problems


# --- media, through the storages --------------------------------------------------------


def storages() -> dict[str, object]:
    """The storages a backup holds, by the folder they get in the archive."""
    return {"public": default_storage, "private": private_storage}


def _walk(storage, folder: str = ""):
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def media_files() -> list[tuple[str, object, str]]:
    """(member name in the archive, storage, name in the storage) for every stored file."""
    return [
        (f"media/{kind}/{name}", storage, name)
        for kind, storage in storages().items()
        for name in _walk(storage)
    ]


def _sha256(stream) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def media_digests() -> dict[str, dict]:
    out = {}
    for member, storage, name in media_files():
        with storage.open(name, "rb") as stream:
            size, sha = _sha256(stream)
        out[member] = {"size": size, "sha256": sha}
    return out


# --- versions ---------------------------------------------------------------------------


def _imar_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imar")
    except PackageNotFoundError:
        return "unknown"


def _server_version() -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def applied_migrations() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        out.setdefault(app, []).append(name)
    return out


def unknown_migrations(migrations: dict[str, list[str]]) -> list[str]:
    """Migrations the backup's database had that this code does not know (a newer Imar)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, names in migrations.items() for name in names
            if (app, name) not in known]  # fmt: skip


# --- PostgreSQL tools -------------------------------------------------------------------


def _pg_environment() -> tuple[dict, str]:
    s = connection.settings_dict
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if s.get(key):
            env[variable] = str(s[key])
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return env, s["NAME"]


def _run(arguments: list[str], env: dict) -> None:
    try:
        result = subprocess.run(arguments, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{arguments[0]} is not installed (the PostgreSQL client tools are needed)"
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed: {result.stderr.strip()[-2000:]}")


# --- writing ----------------------------------------------------------------------------


def _open_archive(path: Path, mode: str, *, compress: bool = True):
    if mode == "w":
        if not compress:
            return tarfile.open(path, "w")
        return tarfile.open(path, "w:gz", compresslevel=1)
    return tarfile.open(path, "r:*")


def _add_bytes(archive, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _add_stream(archive, name: str, stream, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, stream)


def _dump_database(target: Path, progress) -> str:
    """The database into `target` (SQLite: online backup; PostgreSQL: pg_dump); its member."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(
                destination,
                pages=2048,
                progress=lambda _status, remaining, total: progress(
                    total - remaining, total, "database"
                ),
            )
        finally:
            destination.close()
        return SQLITE_MEMBER
    if connection.vendor == "postgresql":
        env, name = _pg_environment()
        progress(0, None, "pg_dump")
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
             f"--file={target}", name],
            env,
        )  # fmt: skip
        return PG_MEMBER
    raise BackupError(f"backups of a {connection.vendor} database are not supported")


def write_backup(path, *, checkpoint: dict | None = None, progress=_quiet) -> dict:
    """Write the archive at `path` (refusing to overwrite a file); return its manifest."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name")
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.with_name(f".{path.name}.parts")
    work.mkdir()
    try:
        dump = work / "database"
        member = _dump_database(dump, progress)
        with dump.open("rb") as stream:
            size, sha = _sha256(stream)
        if connection.vendor == "sqlite":
            # The checksums of the copy, so they describe exactly what the archive holds.
            copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
            try:
                tables = sqlite_digests(copy, lambda d, t, m: progress(d, t, f"checksums: {m}"))
            finally:
                copy.close()
        else:
            tables = database_digests(lambda d, t, m: progress(d, t, f"checksums: {m}"))
        files = media_files()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "versions": {
                "imar": _imar_version(),
                "django": django.get_version(),
                "python": platform.python_version(),
                "database": _server_version(),
            },
            "engine": connection.vendor,
            "database": {"member": member, "size": size, "sha256": sha},
            "migrations": applied_migrations(),
            "tables": tables,
            "files": {},
            "checkpoint": checkpoint,
        }
        partial = path.with_name(f".{path.name}.partial")
        with _open_archive(partial, "w", compress=not path.name.endswith(".tar")) as archive:
            for done, (name, storage, stored) in enumerate(files):
                progress(done, len(files), "media")
                with storage.open(stored, "rb") as stream:
                    size, sha = _sha256(stream)
                    stream.seek(0)
                    manifest["files"][name] = {"size": size, "sha256": sha}
                    # Read once to hash, once to pack: a storage's file may not be seekable
                    # cheaply everywhere, but both local and S3 files are.
                    _add_stream(archive, name, stream, size)
            # The manifest is written last so it can name every file; `read_backup` finds
            # it wherever it is.
            with dump.open("rb") as stream:
                _add_stream(archive, member, stream, manifest["database"]["size"])
            if checkpoint is not None:
                _add_bytes(archive, CHECKPOINT, json.dumps(checkpoint, indent=2).encode())
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        partial.rename(path)
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- reading and restoring --------------------------------------------------------------


@dataclass
class Unpacked:
    manifest: dict
    workdir: Path
    database: Path
    files: dict[str, Path]


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def read_backup(path, workdir, *, progress=_quiet) -> Unpacked:
    """Unpack the archive into `workdir`, checking every member against the manifest."""
    path, workdir = Path(path), Path(workdir)
    try:
        archive = _open_archive(path, "r")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path}: not a readable backup archive ({error})") from None
    with archive:
        try:
            info = archive.getmember(MANIFEST)
            manifest = json.loads(archive.extractfile(info).read().decode("utf-8"))
        except (KeyError, ValueError, AttributeError, tarfile.TarError):
            raise BackupError(f"{path}: no readable {MANIFEST} (not an Imar backup)") from None
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
            raise BackupError(f"{path}: not an Imar backup")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"{path}: backup format {manifest.get('format_version')}; this Imar reads "
                f"format {FORMAT_VERSION}"
            )
        expected = dict(manifest["files"])
        expected[manifest["database"]["member"]] = manifest["database"]
        seen: dict[str, Path] = {}
        members = [m for m in archive.getmembers() if m.name not in (MANIFEST, CHECKPOINT)]
        for done, member in enumerate(members):
            progress(done, len(members), "checking")
            spec = expected.get(member.name)
            if spec is None or not member.isfile() or not _safe_member(member.name):
                raise BackupError(f"{path}: {member.name!r} is not listed in the manifest")
            target = workdir / f"{len(seen):06d}"
            source = archive.extractfile(member)
            digest, size = hashlib.sha256(), 0
            with target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            if size != spec["size"] or digest.hexdigest() != spec["sha256"]:
                raise BackupError(f"{path}: {member.name} does not match its SHA-256")
            seen[member.name] = target
        missing = sorted(set(expected) - set(seen))
        if missing:
            raise BackupError(f"{path}: {len(missing)} member(s) missing, first {missing[0]}")
    database = seen.pop(manifest["database"]["member"])
    if manifest["database"]["member"] == SQLITE_MEMBER:
        copy = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            problems = compare_digests(manifest["tables"], sqlite_digests(copy))
        finally:
            copy.close()
        if problems:
            raise BackupError(f"{path}: the database in the archive differs: {problems[0]}")
    return Unpacked(manifest, workdir, database, seen)


def check_compatible(manifest: dict) -> None:
    """Refuse a backup of another database engine, or one made by a newer Imar."""
    connection.ensure_connection()
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"the backup holds a {manifest['engine']} database and this instance uses "
            f"{connection.vendor}: restore it on an instance of the same kind"
        )
    unknown = unknown_migrations(manifest["migrations"])
    if unknown:
        raise BackupError(
            f"the backup was made by a newer Imar ({len(unknown)} migration(s) this code does "
            f"not have, first {unknown[0]}): upgrade first"
        )


def restore_database(unpacked: Unpacked, *, progress=_quiet) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("restore cannot run inside a transaction")
        source = sqlite3.connect(f"file:{unpacked.database}?mode=ro", uri=True)
        try:
            source.backup(
                connection.connection,
                pages=2048,
                progress=lambda _s, remaining, total: progress(
                    total - remaining, total, "database"
                ),
            )
        finally:
            source.close()
        return
    env, name = _pg_environment()
    connection.close()
    progress(0, None, "pg_restore")
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={name}", str(unpacked.database)],
        env,
    )  # fmt: skip


def clear_media() -> int:
    removed = 0
    for _member, storage, name in media_files():
        storage.delete(name)
        removed += 1
    return removed


def restore_media(unpacked: Unpacked, *, progress=_quiet) -> None:
    by_kind = storages()
    items = sorted(unpacked.files.items())
    for done, (member, source) in enumerate(items):
        progress(done, len(items), "media")
        _media, kind, name = member.split("/", 2)
        storage = by_kind[kind]
        if storage.exists(name):
            storage.delete(name)
        with source.open("rb") as stream:
            saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(f"{member}: stored as {saved}")


def verify_restored(manifest: dict, *, progress=_quiet) -> list[str]:
    """What differs between the instance now and the backup's manifest (empty when equal)."""
    problems = compare_digests(
        manifest["tables"], database_digests(lambda d, t, m: progress(d, t, f"checking {m}"))
    )
    found = media_digests()
    for member in sorted(set(manifest["files"]) | set(found)):
        want, got = manifest["files"].get(member), found.get(member)
        if got is None:
            problems.append(f"file {member}: missing")
        elif want is None:
            problems.append(f"file {member}: not in the backup")
        elif want["sha256"] != got["sha256"]:
            problems.append(f"file {member}: different content")
    return problems


def settings_summary() -> str:
    return f"{connection.vendor} database, media in {settings.MEDIA_ROOT}"
