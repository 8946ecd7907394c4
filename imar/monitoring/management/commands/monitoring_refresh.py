"""`imar monitoring_refresh`: recompute every project's monitoring figures as of today.

Writes keep their project's figures current, but planned value grows with the calendar,
so this runs once a day to move SPI, the planned % and the alerts to the new date: `imar
worker` queues it itself (IMAR_JOBS_PERIODIC), or run it by hand. A bar shows on a terminal.
"""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from imar.core.terminal import terminal_progress
from imar.monitoring.tasks import figures_refresh_task


class Command(BaseCommand):
    help = "Recompute every project's monitoring figures (EVM, money, last report) as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="date (YYYY-MM-DD), today by default")

    def handle(self, *args, **options):
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("--as-of: expected a date like 2026-11-22") from None
        started = time.monotonic()
        with terminal_progress(self.stderr, "Figures") as progress:
            count = figures_refresh_task(as_of=as_of, progress=progress)
        self.stdout.write(f"Figures of {count} projects in {time.monotonic() - started:.1f} s.")
