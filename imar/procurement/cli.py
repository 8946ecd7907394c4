"""`imar import ocds FILE`: read an OCDS release (or record) package from a national
e-procurement system, merge it into records with ocdsmerge, and import the ocids the staff
mapped to projects (`--map OCID=PROJECT_CODE`, repeatable, or `--mapping FILE.csv` with
the columns ocid,project). Without a mapping nothing is written: the command lists each
ocid with the project it suggests, for the staff to confirm. Registered with
imar.core.importers in ProcurementConfig.ready."""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from imar.procurement.imports import ocds

HELP = "an OCDS 1.1 release or record package"


def add_arguments(parser):
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--map", action="append", default=[], metavar="OCID=CODE")
    parser.add_argument("--mapping", metavar="CSV", help="columns: ocid,project")
    parser.add_argument("--user", help="username recorded as the importer")
    parser.add_argument(
        "--country", default="LY", help="country of organizations whose country is not given"
    )


def handle(command, *, file: str, **options):
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"{file}: no such file.")
    mapping = {}
    for item in options["map"]:
        ocid, sep, code = item.partition("=")
        if not sep or not ocid or not code:
            raise CommandError(f"--map {item}: write OCID=PROJECT_CODE.")
        mapping[ocid.strip()] = code.strip()
    if options["mapping"]:
        with open(options["mapping"], newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                if not row.get("ocid") or not row.get("project"):
                    raise CommandError(f"{options['mapping']} row {number}: ocid and project.")
                mapping[row["ocid"].strip()] = row["project"].strip()
    user = None
    if options["user"]:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user “{options['user']}”.")
    try:
        if not mapping:
            found = ocds.plan(path)
            command.stdout.write(f"{path.name}: {len(found.compiled)} contracting processes")
            for ocid, code in found.suggestions.items():
                hint = f"suggested project {code}" if code else "no project suggested"
                command.stdout.write(f"  {ocid}: {hint}")
            command.stdout.write("Nothing imported: confirm with --map OCID=CODE or --mapping.")
            return
        made = ocds.apply(path, mapping, by=user, default_country=options["country"])
    except ocds.ImportRefused as error:
        raise CommandError(str(error)) from None
    for process in made:
        command.stdout.write(f"  {process.ocid} -> {process.project.code}: {process.status}")
    command.stdout.write(f"{path.name}: {len(made)} contracting processes imported.")
