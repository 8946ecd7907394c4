"""``imar schedule INPUT.json [--output OUT.json] [--time-limit SECONDS] [--previous OLD.json]``.

Reads the scheduling input (slots, tables, participants, requests), writes the schedule with
its upper bound, gap and the reason of every unscheduled request (a spinner on a terminal). With ``--previous`` (an
earlier output) it reschedules, keeping earlier meetings in their slot and table where it can.
Invalid input exits with status 2 and an error naming the field, e.g.
``requests[12].b: unknown participant "P-77"``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imar.core.terminal import terminal_status
from imar.forum.scheduling import (
    ScheduleInputError,
    parse_previous_schedule,
    parse_schedule_input,
    reschedule,
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
        parser.add_argument(
            "--previous",
            help="an earlier output of this command: reschedule, moving as few meetings as possible",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["input"])
        limit = options["time_limit"]
        if not (isinstance(limit, float) and math.isfinite(limit) and limit > 0):
            raise CommandError("--time-limit: must be a positive number of seconds", returncode=2)
        data = _read_json(path)
        previous = None
        try:
            instance = parse_schedule_input(data)
            if options["previous"]:
                previous = parse_previous_schedule(_read_json(Path(options["previous"])))
        except ScheduleInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        # A spinner with the time elapsed on a terminal (standard error), nothing elsewhere:
        # the solver cannot count its steps.
        with terminal_status(self.stderr, "imar schedule"):
            if previous is None:
                result = schedule(instance, time_limit=limit)
            else:
                result = reschedule(instance, previous, time_limit=limit)
        doc = schedule_to_dict(result, include_moved=previous is not None)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            moved = f", {len(result.moved)} moved" if previous is not None else ""
            self.stderr.write(
                f"{len(result.meetings)} meetings, weight {result.scheduled_weight:g} of at most "
                f"{result.upper_bound:g} (gap {result.gap:.2%}), "
                f"{len(result.unscheduled)} unscheduled{moved} -> {options['output']}"
            )
        else:
            self.stdout.write(text, ending="")


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror}", returncode=2) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text", returncode=2) from exc
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            returncode=2,
        ) from exc
