"""`imar worker`: run background jobs and the periodic schedule (no cron needed)."""

import threading

from django.core.management.base import BaseCommand, CommandError

from imar.jobs import worker


class Command(BaseCommand):
    help = (
        "Run the background-job worker of the configured backend (IMAR_JOBS_BACKEND), and "
        "queue the periodic jobs (IMAR_JOBS_PERIODIC) when they are due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="run the jobs waiting now, then exit"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls (database)"
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="do not queue the periodic jobs"
        )

    def handle(self, *args, **options):
        kind = worker.backend_kind()
        stop = threading.Event()
        if options["batch"]:
            worker.housekeeping() if not options["no_schedule"] else None
        elif not options["no_schedule"]:
            worker.start_housekeeping(stop)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Imar worker: {kind} backend; Ctrl-C stops it.")
        try:
            if kind == "database":
                worker.run_database_worker(batch=options["batch"], interval=options["interval"])
            elif kind == "rq":
                worker.run_rq_worker(batch=options["batch"])
            else:
                raise CommandError(
                    "The configured TASKS backend runs jobs itself (immediate): no worker needed."
                )
        finally:
            stop.set()
