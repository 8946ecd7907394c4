"""`imar demo`: load Libya's gazetteer and a deterministic synthetic demo portfolio.

Each step is a module of this package with `load(*, rng, options, log)`, one per domain
app, run in the order below so later steps can link to what earlier ones made.
"""

import random
import time
from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from imar.core import public_version
from imar.core.terminal import terminal_progress
from imar.demo.accounts import DEMO_PASSWORD, DEMO_USERS, FORUM_DEMO_USERS
from imar.geo.loader import load_gazetteer
from imar.portfolio.models import Project

DEMO_STEPS = [
    "imar.demo.accounts",
    "imar.demo.organizations",
    "imar.demo.portfolio",
    "imar.demo.partners",
    "imar.demo.monitoring",
    "imar.demo.documents",
    "imar.demo.needs",
    "imar.demo.results",
    "imar.demo.forum",
    "imar.demo.aid",
    "imar.demo.feedback",
    "imar.demo.procurement",
    "imar.demo.history",
]
# `--only` names a step by its module; the names the steps had inside the domain apps
# (before imar.demo) still work, so scripts and benchmarks written against them do.
FORMER_STEP_NAMES = {
    "imar.accounts.demo": "imar.demo.accounts",
    "imar.partners.demo_organizations": "imar.demo.organizations",
    "imar.portfolio.demo": "imar.demo.portfolio",
    "imar.partners.demo": "imar.demo.partners",
    "imar.portfolio.demo_monitoring": "imar.demo.monitoring",
    "imar.portfolio.demo_documents": "imar.demo.documents",
    "imar.needs.demo": "imar.demo.needs",
    "imar.forum.demo": "imar.demo.forum",
}


class Command(BaseCommand):
    help = "Load the gazetteer and the synthetic demo data (seeded, so every run is the same)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=1500, help="number of projects")
        parser.add_argument("--seed", type=int, default=2023, help="random seed")
        parser.add_argument(
            "--reset", action="store_true", help="empty the database first, then load"
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="run only these steps (e.g. --only imar.demo.portfolio); for benchmarks",
        )

    def handle(self, *args, **options):

        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        load_gazetteer()
        if Project.objects.exists() and not options["reset"]:
            self.stdout.write("Demo data is already loaded (use --reset to load it again).")
        else:
            only = {FORMER_STEP_NAMES.get(step, step) for step in options["only"]}
            rng = random.Random(options["seed"])
            loading_started = time.monotonic()
            steps = [step for step in DEMO_STEPS if not only or step in only]
            # A bar over the steps on a terminal (standard error); the lines as before.
            with terminal_progress(self.stderr, "Demo", log=self.stdout.write) as progress:
                for done, step in enumerate(steps):
                    progress(done, len(steps), step)
                    started = time.monotonic()
                    with transaction.atomic():
                        import_module(step).load(rng=rng, options=options, log=progress.log)
                    progress.log(f"  {step}: {time.monotonic() - started:.1f} s")
                progress(len(steps), len(steps), "")
            self.stdout.write(f"Demo data loaded in {time.monotonic() - loading_started:.1f} s.")
            public_version.changed()  # bulk inserts send no signal: drop cached public pages
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD}):"))
        present = set(get_user_model().objects.values_list("username", flat=True))
        for username, role, description in DEMO_USERS + FORUM_DEMO_USERS:
            if username in present:
                self.stdout.write(f"  {username:<12} {role:<18} {description}")
        self.stdout.write(
            "\nWith `imar runserver 127.0.0.1:8000` (what `make demo` runs): staff pages at "
            "http://127.0.0.1:8000/portfolio/projects/, the public portal at "
            "http://127.0.0.1:8000/, the forum at http://127.0.0.1:8000/forum/, the API at "
            "http://127.0.0.1:8000/api/v1/docs/"
        )
