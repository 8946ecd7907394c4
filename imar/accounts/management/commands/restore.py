"""`imar restore PATH [--force]`: bring an instance back from an `imar backup` archive.

Every member of the archive is checked against the manifest (SHA-256, and on SQLite the
tables of the saved database) before anything is replaced. An instance that already holds
users, projects, audit events or files is refused unless `--force` says to replace it.
After the restore every table and file is compared with the manifest again, the audit
trail's seals are recomputed and the backup's checkpoint must still hold.
"""

import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from imar.accounts.audit import verify_chain
from imar.accounts.audit_checkpoint import verify_against
from imar.accounts.models import AuditEvent
from imar.core.backup import (
    BackupError,
    check_compatible,
    clear_media,
    media_files,
    read_backup,
    restore_database,
    restore_media,
    verify_restored,
)
from imar.core.terminal import terminal_progress


def what_is_here() -> list[str]:
    """What this instance already holds that a restore would replace (empty: nothing)."""
    found = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    models = [
        ("users", get_user_model()),
        ("projects", apps.get_model("portfolio", "Project")),
        ("audit events", AuditEvent),
    ]
    for label, model in models:
        if model._meta.db_table in tables:
            count = model._default_manager.count()
            if count:
                found.append(f"{count} {label}")
    files = len(media_files())
    if files:
        found.append(f"{files} files")
    return found


class Command(BaseCommand):
    help = (
        "Restore an `imar backup` archive into this instance (refused on a non-empty one "
        "without --force), then check every table and file against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="an archive written by `imar backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace this instance's database and files even if it is not empty",
        )

    def handle(self, *args, **options):
        with translation.override("en"):
            self._restore(Path(options["path"]), force=options["force"])

    def _restore(self, path: Path, *, force: bool):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        scratch = Path(settings.DATA_DIR)
        scratch.mkdir(parents=True, exist_ok=True)
        with (
            tempfile.TemporaryDirectory(prefix=".restore-", dir=scratch) as work,
            terminal_progress(self.stderr, "Restore") as progress,
        ):
            try:
                unpacked = read_backup(path, work, progress=progress)
                manifest = unpacked.manifest
                check_compatible(manifest)
            except BackupError as error:
                raise CommandError(f"Nothing restored: {error}") from None
            here = what_is_here()
            if here and not force:
                raise CommandError(
                    "Nothing restored: this instance is not empty (" + ", ".join(here) + "). "
                    "Restore into an empty instance, or pass --force to replace everything."
                )
            try:
                if force:
                    clear_media()
                restore_database(unpacked, progress=progress)
                restore_media(unpacked, progress=progress)
            except (BackupError, OSError) as error:
                raise CommandError(f"Restore failed: {error}") from None
            problems = verify_restored(manifest, progress=progress)
        problems += [p.problem for p in verify_chain()]
        checkpoint = manifest.get("checkpoint")
        if checkpoint:
            problems += [p.problem for p in verify_against(checkpoint)]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"The restored instance differs from the backup: {len(problems)} problem(s)."
            )
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Restored {path} (made {manifest['created_at']} by Imar "
            f"{manifest['versions']['imar']}): {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files; every table and file matches the manifest"
            + (
                f", the audit trail holds its checkpoint of {checkpoint['count']} events."
                if checkpoint
                else "."
            )
        )
        self.stdout.write("If this code is newer than the backup, run `imar migrate` next.")
