"""``imar schedule INPUT.json [--output OUT.json] [--time-limit SECONDS]``: B2B meeting schedule.

Reads the scheduling input (slots, tables, participants, requests), writes the schedule with
its upper bound, gap and the reason of every unscheduled request. Invalid input exits with
status 2 and an error naming the field, e.g. ``requests[12].b: unknown participant "P-77"``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imar.forum.scheduling import (
    ScheduleInputError,
    parse_schedule_input,
    schedule,
    schedule_to_dict,
)


class Command(BaseCommand):
    help = "Assign accepted meeting requests to slots and tables (reads and writes JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="scheduling input JSON file")
        parser.add_argument("--output", "-o", help="write the schedule here (default: stdout)")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=10.0,
            help="seconds the optimiser may use (default: 10)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["input"])
        limit = options["time_limit"]
        if not (isinstance(limit, float) and math.isfinite(limit) and limit > 0):
            raise CommandError("--time-limit: must be a positive number of seconds", returncode=2)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror}", returncode=2) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text", returncode=2) from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                returncode=2,
            ) from exc
        try:
            instance = parse_schedule_input(data)
        except ScheduleInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        result = schedule(instance, time_limit=limit)
        text = json.dumps(schedule_to_dict(result), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(
                f"{len(result.meetings)} meetings, weight {result.scheduled_weight:g} of at most "
                f"{result.upper_bound:g} (gap {result.gap:.2%}), "
                f"{len(result.unscheduled)} unscheduled -> {options['output']}"
            )
        else:
            self.stdout.write(text, ending="")
