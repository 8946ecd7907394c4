"""A real, threaded Imar server in its own process, for tests of concurrent requests.

    DATABASE_URL=... python -m tests.live_server [--migrate] [--projects N]

Sets up an officer and N projects, prints one JSON line (port, credentials, project codes),
then serves every request in its own thread, as `imar runserver` does, each with its own
database connection. Lines on stdin are commands: ``import <rows>`` runs a spreadsheet
import of that many candidate projects in a thread of this process (a long write
transaction, through the same service a web upload calls) and prints a JSON line when done.
"""

import json
import os
import sys
import threading
import time


def _fixtures(projects: int) -> dict:
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from imar.accounts.models import Profile, Role
    from imar.geo.loader import load_gazetteer
    from imar.geo.models import Municipality
    from imar.portfolio.models import Project

    if not Municipality.objects.exists():
        load_gazetteer()
    derna = Municipality.objects.get(pcode="LY010102")
    user = get_user_model().objects.create_user("live-officer", "live@imar.test", "live-Pass-2026")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER)
    codes = [f"LIVE-{n:03d}" for n in range(projects)]
    for code in codes:
        Project.objects.create(
            code=code,
            title_ar=f"مشروع {code}",
            title_en=f"Project {code}",
            sector="housing",
            project_type="rehabilitation",
            municipality=derna,
            budget=Decimal("1000.00"),
            planned_start=date(2026, 1, 1),
            planned_end=date(2027, 1, 1),
        )
    return {"username": "live-officer", "password": "live-Pass-2026", "projects": codes}


def _import(rows: int) -> dict:
    """A spreadsheet of `rows` candidate projects, imported as a web upload would be."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from imar.needs.imports.projects import import_projects

    header = "code,title_ar,title_en,description_en,sector,project_type,municipality,budget\n"
    body = "".join(
        f"IMP-{n:05d},مشروع مستورد {n},Imported project {n},Imported,water_sanitation,"
        "rehabilitation,"
        f"LY010102,{1000 + n}\n"
        for n in range(rows)
    )
    started = time.perf_counter()
    try:
        result = import_projects(
            data=(header + body).encode(),
            filename="projects.csv",
            by=get_user_model().objects.get(username="live-officer"),
        )
    finally:
        connection.close()
    return {
        "imported": result.created,
        "errors": result.errors[:3],
        "seconds": round(time.perf_counter() - started, 2),
    }


def _commands() -> None:
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["import"]:
            rows = int(words[1])

            def run(rows=rows):
                print(json.dumps({"import": _import(rows)}), flush=True)

            threading.Thread(target=run, daemon=True).start()
            print(json.dumps({"import_started": True}), flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import (
        ThreadedWSGIServer,
        WSGIRequestHandler,
        get_internal_wsgi_application,
    )

    if "--migrate" in sys.argv:
        call_command("migrate", verbosity=0, interactive=False)
    projects = int(sys.argv[sys.argv.index("--projects") + 1]) if "--projects" in sys.argv else 0
    fixtures = _fixtures(projects)
    from django.db import connections

    connections.close_all()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 (the base class's name)
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(get_internal_wsgi_application())
    threading.Thread(target=_commands, daemon=True).start()
    print(json.dumps({"port": server.server_address[1], **fixtures}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
