"""`imar import ocds FILE`: read an OCDS release (or record) package from a national
e-procurement system, merge it into records with ocdsmerge, and import the ocids the staff
mapped to projects (`--map OCID=PROJECT_CODE`, repeatable, or `--mapping FILE.csv` with
the columns ocid,project). Without a mapping nothing is written: the command lists each
ocid with the project it suggests, for the staff to confirm.

`import` takes a standard as its subcommand, as `imar import iati` does in the aid app;
when both apps are merged the subcommands belong in one command (see the lead's note)."""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from imar.procurement.imports import ocds


class Command(BaseCommand):
    help = "Import files of a data standard: `imar import ocds FILE` (OCDS 1.1 packages)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="standard", required=True, metavar="STANDARD")
        parser_ocds = sub.add_parser("ocds", help="an OCDS 1.1 release or record package")
        parser_ocds.add_argument("file", metavar="FILE")
        parser_ocds.add_argument("--map", action="append", default=[], metavar="OCID=CODE")
        parser_ocds.add_argument("--mapping", metavar="CSV", help="columns: ocid,project")
        parser_ocds.add_argument("--user", help="username recorded as the importer")
        parser_ocds.add_argument(
            "--country", default="LY", help="country of organizations whose country is not given"
        )

    def handle(self, *args, standard: str, file: str, **options):
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
                self.stdout.write(f"{path.name}: {len(found.compiled)} contracting processes")
                for ocid, code in found.suggestions.items():
                    hint = f"suggested project {code}" if code else "no project suggested"
                    self.stdout.write(f"  {ocid}: {hint}")
                self.stdout.write("Nothing imported: confirm with --map OCID=CODE or --mapping.")
                return
            made = ocds.apply(path, mapping, by=user, default_country=options["country"])
        except ocds.ImportRefused as error:
            raise CommandError(str(error)) from None
        for process in made:
            self.stdout.write(f"  {process.ocid} -> {process.project.code}: {process.status}")
        self.stdout.write(f"{path.name}: {len(made)} contracting processes imported.")
