"""`imar serve [--bind HOST:PORT] [--workers N]`: the production web server (gunicorn)."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from imar.core import serving


class Command(BaseCommand):
    help = "Serve Imar with gunicorn (IMAR_WEB_* settings), behind a TLS proxy in production."
    requires_system_checks = []  # the workers load the application; `imar check --deploy`

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="HOST:PORT (or unix:PATH); default IMAR_WEB_BIND")
        parser.add_argument(
            "--workers", type=int, help="worker processes; default IMAR_WEB_WORKERS"
        )
        parser.add_argument(
            "--print-config", action="store_true", help="print gunicorn's options and stop"
        )

    def handle(self, *args, bind=None, workers=None, print_config=False, **options):
        if workers is not None and workers < 1:
            raise CommandError(_("--workers must be at least 1."))
        try:
            config = serving.gunicorn_options(settings, bind=bind, workers=workers)
        except ValueError as error:
            raise CommandError(
                _("--bind must be HOST:PORT or unix:PATH, not %(value)s.") % {"value": error}
            ) from None
        if print_config:
            for key, value in sorted(config.items()):
                if key != "logconfig_dict":
                    self.stdout.write(f"{key} = {value!r}")
            return
        env = dict(os.environ)
        # The flags reach gunicorn's configuration (imar.core.gunicorn_conf) as settings.
        env["IMAR_WEB_BIND"] = config["bind"][0]
        env["IMAR_WEB_WORKERS"] = str(config["workers"])
        if not env.get("PROMETHEUS_MULTIPROC_DIR"):
            env["PROMETHEUS_MULTIPROC_DIR"] = str(settings.DATA_DIR / "prometheus")
        serving.prepare_metrics_dir(Path(env["PROMETHEUS_MULTIPROC_DIR"]))
        sys.stdout.flush()
        sys.stderr.flush()
        command = serving.command_line(sys.executable)
        os.execve(command[0], command, env)
