"""``imar allocate INPUT.json``: choose projects for a budget from a JSON file."""

import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from imar.needs.allocation import Allocation, ProblemError, allocate, parse_allocation_input
from imar.needs.reasons import ReasonRenderer


def _reject_constant(name: str) -> Any:
    # json accepts NaN/Infinity by default; they are not valid JSON and not valid numbers here.
    raise ValueError(f"{name} is not a valid JSON number")


def _worded(result: Allocation) -> dict[str, Any]:
    """The result as JSON, its reasons as sentences (in the active language)."""
    render = ReasonRenderer(currency=result.currency).render
    data = result.to_dict()
    if result.conflicts:
        data["conflicts"] = [render(reason) for reason in result.conflicts]
    if result.explanations:
        data["explanations"] = {k: render(r) for k, r in result.explanations.items()}
    return data


class Command(BaseCommand):
    help = (
        "Choose the projects that maximize total score within a budget and the fund's rules "
        "(regional and sector shares, mandatory, requires, excludes). Reads INPUT.json, writes "
        "the selection with its upper bound, gap, conflicts and explanations as JSON."
    )

    # A pure computation on a file: no database, URLs or templates, so skip the system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="Problem file (JSON).")
        parser.add_argument("--output", "-o", help="Write the result here instead of stdout.")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=10.0,
            help="Seconds the exact solver may use after the quick answer (default 10).",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=["en", "ar"],
            help="Language of the conflicts and explanations (default en).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        time_limit = options["time_limit"]
        if not math.isfinite(time_limit) or time_limit < 0:
            raise CommandError("--time-limit: must be a non-negative number", returncode=2)
        path = Path(options["input"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read file ({exc})", returncode=2) from exc
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except ValueError as exc:
            raise CommandError(f"{path}: not valid JSON ({exc})", returncode=2) from exc
        try:
            problem = parse_allocation_input(data)
        except ProblemError as exc:
            raise CommandError(str(exc), returncode=2) from exc

        result = allocate(problem, time_limit=time_limit)
        with translation.override(options["language"]):
            data = _worded(result)
        output = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(output, encoding="utf-8")
        else:
            self.stdout.write(output, ending="")
