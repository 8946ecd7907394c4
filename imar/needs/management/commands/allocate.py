"""``imar allocate INPUT.json``: choose projects for a budget from a JSON file."""

import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from imar.core.terminal import terminal_status
from imar.needs.allocation import Allocation, ProblemError, allocate, parse_allocation_input
from imar.needs.allocation.equity import (
    allocate_fair,
    district_equity,
    money_by_district,
    population_floors,
)
from imar.needs.allocation.multiyear import (
    YearAllocation,
    allocate_years,
    parse_multiyear_input,
    plan_sensitivity,
)
from imar.needs.allocation.sensitivity import sensitivity
from imar.needs.reasons import ReasonRenderer


def _reject_constant(name: str) -> Any:
    # json accepts NaN/Infinity by default; they are not valid JSON and not valid numbers here.
    raise ValueError(f"{name} is not a valid JSON number")


def _equity_options(data: dict) -> dict[str, Any] | None:
    """The optional ``equity`` object: need (and population) per district, the second
    objective and per-capita floors. Removed from ``data`` (the problem does not know it)."""
    raw = data.pop("equity", None)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ProblemError("equity", "must be an object with need (and population)")
    known = {"need", "population", "population_floor_share", "second_objective", "score_slack"}
    extra = sorted(set(raw) - known)
    if extra:
        raise ProblemError(f"equity.{extra[0]}", "unknown field")
    options: dict[str, Any] = {}
    for key in ("need", "population"):
        values = raw.get(key, {})
        if not isinstance(values, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) and v >= 0
            for v in values.values()
        ):
            raise ProblemError(f"equity.{key}", "must map district codes to non-negative numbers")
        options[key] = {k: float(v) for k, v in values.items()}
    if not options["need"]:
        raise ProblemError("equity.need", "is required")
    objective = raw.get("second_objective", "none")
    if objective not in ("none", "lexicographic"):
        raise ProblemError("equity.second_objective", "must be none or lexicographic")
    options["second_objective"] = objective
    for key, default in (("score_slack", 0.0), ("population_floor_share", None)):
        value = raw.get(key, default)
        if value is not None and (
            not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1
        ):
            raise ProblemError(f"equity.{key}", "must be a number between 0 and 1")
        options[key] = value
    if options["population_floor_share"] is not None and not options["population"]:
        raise ProblemError("equity.population", "is required for population_floor_share")
    return options


def _worded(result: Allocation | YearAllocation) -> dict[str, Any]:
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
            "--sensitivity",
            action="store_true",
            help=(
                "Also report what each floor, ceiling and cap costs in score (by solving again "
                "without it), the answers at 90%% and 110%% of the budget, and the projects "
                "chosen in all of them."
            ),
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
        # A spinner with the time elapsed on a terminal (standard error), nothing elsewhere.
        with terminal_status(self.stderr, f"Allocating (at most {time_limit:g} s per solve)"):
            data = self.solve(data, time_limit, options)
        output = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(output, encoding="utf-8")
        else:
            self.stdout.write(output, ending="")

    def solve(self, data: Any, time_limit: float, options: dict) -> dict[str, Any]:
        if isinstance(data, dict) and "years" in data:
            try:
                plan = parse_multiyear_input(data)
            except ProblemError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            result = allocate_years(plan, time_limit=time_limit)
            with translation.override(options["language"]):
                data = _worded(result)
            if options["sensitivity"]:
                data["sensitivity"] = plan_sensitivity(
                    plan, base=result, time_limit=max(1.0, time_limit / 4)
                )
            return data
        return self.single_year(data, time_limit, options)

    def single_year(self, data: Any, time_limit: float, options: dict) -> dict[str, Any]:
        try:
            equity = _equity_options(data) if isinstance(data, dict) else None
            problem = parse_allocation_input(data)
            if equity and equity["population_floor_share"] is not None:
                problem = population_floors(
                    problem, equity["population"], equity["population_floor_share"]
                )
        except ProblemError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        result = allocate(problem, time_limit=time_limit)
        base = result
        if equity and equity["second_objective"] == "lexicographic":
            result = allocate_fair(
                problem,
                equity["need"],
                score_slack=equity["score_slack"],
                time_limit=time_limit,
                base=base,
            )
        with translation.override(options["language"]):
            out = _worded(result)
            if equity:
                out["equity"] = {
                    **district_equity(
                        money_by_district(problem, result.selected),
                        equity["need"],
                        equity["population"],
                    ),
                    "second_objective": equity["second_objective"],
                }
                if equity["second_objective"] == "lexicographic":
                    before = district_equity(
                        money_by_district(problem, base.selected), equity["need"]
                    )
                    out["equity"].update(
                        score_slack=equity["score_slack"],
                        score_before=base.total_score,
                        gini_before=before["gini"],
                        theil_before=before["theil"],
                    )
            if options["sensitivity"]:
                report = sensitivity(problem, base=base, time_limit=time_limit)
                render = ReasonRenderer(currency=result.currency)
                for entry in report["rules"]:
                    entry["text"] = render.rule(entry)
                out["sensitivity"] = report
        return out
