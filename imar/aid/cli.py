"""`imar import iati FILE… [--user NAME]`: import donors' IATI activity files, one report per
file (registered with imar.core.importers in AidConfig.ready). Each file is one transaction;
a bar of the bytes read shows on a terminal; the command fails (exit status 1) when a file is refused as a whole or an activity is refused.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from imar.aid import tasks
from imar.aid.enums import RunStatus
from imar.core.terminal import terminal_progress

HELP = "IATI 2.01-2.03 activity files (donors' activities)"


def add_arguments(parser):
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--user", help="username recorded as the importer")


def handle(command, *, files: list[str], user=None, **options):
    user_id = None
    if user:
        found = get_user_model().objects.filter(username=user).first()
        if found is None:
            raise CommandError(f"No user “{user}”.")
        user_id = found.pk
    failed = False
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{name}: no such file.")
        # A bar of the bytes read on a terminal (standard error), nothing elsewhere.
        with terminal_progress(command.stderr, path.name) as progress:
            run = tasks.run_report(
                tasks.import_file(
                    path=str(path), file_name=path.name, user_id=user_id, progress=progress
                )
            )
        if run.status == RunStatus.FAILED:
            failed = True
            command.stderr.write(f"{path.name}: refused: {run.error}")
            continue
        counts = ", ".join(f"{key} {value}" for key, value in run.counts.items())
        command.stdout.write(f"{path.name} (IATI {run.iati_version}): {counts}")
        for row in run.rows:
            if row["outcome"] in ("skipped", "refused") or row.get("reason"):
                command.stdout.write(
                    f"  {row['identifier'] or '?'}: {row['outcome']}: {row['reason']}"
                )
        failed = failed or run.counts.get("refused", 0) > 0
    if failed:
        raise CommandError("Some files or activities were refused (see above).")
