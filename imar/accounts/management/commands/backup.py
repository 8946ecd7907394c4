"""`imar backup --output PATH`: the database, the media and an audit checkpoint in one archive.

The mechanics are `imar.core.backup` (SQLite's online backup API, or pg_dump on PostgreSQL;
the media through the storages; a manifest of versions, row counts, checksums and SHA-256s).
This command adds what belongs to the accounts layer: a signed checkpoint of the audit
trail, taken just before the database is copied, so the restore can prove the trail it
brings back is the one that was saved.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from imar.accounts.audit_checkpoint import CheckpointRefused, take_checkpoint
from imar.core.backup import BackupError, write_backup
from imar.core.terminal import terminal_progress


class Command(BaseCommand):
    help = (
        "Back up this instance (database, public and private media, a signed audit "
        "checkpoint) into one archive with a manifest; `imar restore` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            metavar="PATH",
            help="the archive to write (.tar.gz, or .tar for no compression); never overwritten",
        )

    def handle(self, *args, **options):
        with translation.override("en"):
            checkpoint = None
            try:
                checkpoint = take_checkpoint()
            except CheckpointRefused as refused:
                self.stderr.write(
                    f"Warning: the audit trail is broken ({len(refused.problems)} problem(s)); "
                    "the backup holds no checkpoint. Investigate with `imar audit verify`."
                )
            try:
                with terminal_progress(self.stderr, "Backup") as progress:
                    manifest = write_backup(
                        options["output"], checkpoint=checkpoint, progress=progress
                    )
            except (BackupError, OSError) as error:
                raise CommandError(f"No backup written: {error}") from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {options['output']}: {manifest['engine']} database "
            f"({len(manifest['tables'])} tables, {rows} rows), {len(manifest['files'])} files"
            + (f", audit checkpoint of {checkpoint['count']} events." if checkpoint else ".")
        )
