"""`imar import STANDARD …`: import files of a data standard (see imar.core.importers)."""

from django.core.management.base import BaseCommand

from imar.core import importers
from imar.core.terminal import terminal_status


class Command(BaseCommand):
    help = "Import files of a data standard: imar import iati FILE… | imar import ocds FILE …"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="standard", required=True, metavar="STANDARD")
        for standard in importers.standards():
            standard.add_arguments(sub.add_parser(standard.name, help=standard.help))

    def handle(self, *args, standard: str, **options):
        # On a terminal (standard error) the standard's own bar, or a spinner with the time
        # elapsed; nothing elsewhere.
        chosen = importers.get(standard)
        if chosen.draws_progress:
            chosen.handle(self, **options)
            return
        with terminal_status(self.stderr, f"imar import {standard}"):
            chosen.handle(self, **options)
