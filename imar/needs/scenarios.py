"""Scenario writes: create, edit, run the allocator (in the background) and approve.

A run happens outside the request: `scenario_start` marks the scenario running and, once the
transaction commits, hands the scenario id to `imar.needs.tasks` (inline, or a thread: that
suits the demo and a single SQLite process; production hands it to a worker queue there). Who runs
it, its heartbeat, and failing a run whose worker died: `imar.needs.runs`.
"""

import copy
import logging
import math
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.accounts.permissions import can_transition_project
from imar.core.versioning import adopt, lock_current
from imar.geo.models import District, Municipality, Region
from imar.needs import allocation, runs, scoring
from imar.needs.allocation.equity import (
    allocate_fair,
    district_equity,
    money_by_district,
    population_floors,
)
from imar.needs.allocation.multiyear import (
    MultiYearProblem,
    YearCandidate,
    allocate_years,
    plan_sensitivity,
)
from imar.needs.allocation.sensitivity import sensitivity
from imar.needs.enums import ScenarioStatus
from imar.needs.models import Scenario, ScoringModel
from imar.needs.money import Converter
from imar.needs.scoring_adapter import build_candidates, score_candidates
from imar.needs.selectors import needs_overview
from imar.portfolio.enums import ProjectStatus
from imar.portfolio.lifecycle import (
    FORWARD,
    TransitionRefused,
    check_transition,
    project_transition,
)
from imar.portfolio.models import Project
from imar.portfolio.sectors import Sector

log = logging.getLogger(__name__)
EDITABLE_FIELDS = [
    "name",
    "name_en",
    "budget",
    "currency",
    "rules",
    "scoring_model",
    "candidate_stages",
    "district_filter",
    "sector_filter",
]


def _check_share(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValidationError(
            {"rules": _("%(where)s: a share must be a number.") % {"where": where}}
        )
    share = float(value)
    if not (math.isfinite(share) and 0 <= share <= 1):
        raise ValidationError(
            {"rules": _("%(where)s: a share must be between 0 and 1.") % {"where": where}}
        )
    return share


def clean_rules(rules: dict) -> dict:
    """The rules in canonical form; a translated ValidationError names the faulty rule."""
    if not isinstance(rules, dict):
        raise ValidationError({"rules": _("The rules must be an object.")})
    unknown = set(rules) - {"regions", "districts", "sectors", "mandatory", "analysis", "years"}
    if unknown:
        raise ValidationError({"rules": _("Unknown rule “%(key)s”.") % {"key": sorted(unknown)[0]}})
    known = {
        "regions": set(Region.objects.values_list("code", flat=True)),
        "districts": set(District.objects.values_list("iso_code", flat=True)),
        "sectors": set(Sector.values),
    }
    clean: dict = {}
    for level in ("regions", "districts", "sectors"):
        for code, limits in (rules.get(level) or {}).items():
            if code not in known[level]:
                raise ValidationError({"rules": _("Unknown code “%(code)s”.") % {"code": code}})
            allowed = {"max_share"} if level == "sectors" else {"min_share", "max_share"}
            if not isinstance(limits, dict) or set(limits) - allowed:
                raise ValidationError(
                    {
                        "rules": _("%(code)s: only %(keys)s may be set.")
                        % {"code": code, "keys": ", ".join(sorted(allowed))}
                    }
                )
            shares = {key: _check_share(value, code) for key, value in limits.items()}
            if shares.get("min_share", 0) > shares.get("max_share", 1):
                raise ValidationError(
                    {
                        "rules": _("%(code)s: the minimum share is above the maximum share.")
                        % {"code": code}
                    }
                )
            if shares:
                clean.setdefault(level, {})[code] = shares
    mandatory = rules.get("mandatory") or []
    if not isinstance(mandatory, list) or not all(isinstance(c, str) for c in mandatory):
        raise ValidationError({"rules": _("Mandatory projects must be a list of project codes.")})
    if mandatory:
        clean["mandatory"] = sorted(set(mandatory))
    analysis = clean_analysis(rules.get("analysis"))
    if analysis:
        clean["analysis"] = analysis
    years = clean_years(rules.get("years"))
    if years:
        if analysis.get("fairness"):
            raise ValidationError(
                {
                    "rules": _(
                        "The fairness objective re-weighs one year's money against needs; a "
                        "multi-year plan takes region and district floors, per-capita floors "
                        "and sensitivity, but not the fairness objective. Set it to none, or "
                        "plan one year."
                    )
                }
            )
        clean["years"] = years
    return clean


MAX_PLAN_YEARS = 10


def clean_years(years) -> dict:
    """A multi-year plan: ``budgets`` (year -> amount, consecutive years) and ``carry_over``."""
    if not years:
        return {}
    if not isinstance(years, dict) or set(years) - {"budgets", "carry_over"}:
        raise ValidationError({"rules": _("The yearly budgets are not valid.")})
    budgets = years.get("budgets")
    if not isinstance(budgets, dict) or not budgets:
        raise ValidationError({"rules": _("Give at least one year with its budget.")})
    clean: dict[str, float] = {}
    for year, amount in budgets.items():
        if not str(year).isdigit() or not 2000 <= int(year) <= 2100:
            raise ValidationError({"rules": _("“%(year)s” is not a year.") % {"year": year}})
        if isinstance(amount, bool) or not isinstance(amount, (int, float, Decimal)):
            raise ValidationError(
                {"rules": _("%(year)s: the budget must be a number.") % {"year": year}}
            )
        if not math.isfinite(float(amount)) or amount < 0:
            raise ValidationError(
                {"rules": _("%(year)s: the budget must be zero or more.") % {"year": year}}
            )
        clean[str(int(year))] = float(amount)
    ordered = sorted(int(y) for y in clean)
    if ordered != list(range(ordered[0], ordered[0] + len(ordered))):
        raise ValidationError({"rules": _("The plan's years must follow one another.")})
    if len(ordered) > MAX_PLAN_YEARS:
        raise ValidationError(
            {"rules": _("A plan covers at most %(count)s years.") % {"count": MAX_PLAN_YEARS}}
        )
    if sum(clean.values()) <= 0:
        raise ValidationError({"rules": _("The yearly budgets must add up to more than zero.")})
    return {
        "budgets": {str(y): clean[str(y)] for y in ordered},
        "carry_over": bool(years.get("carry_over", True)),
    }


def cost_profile(project, cost: float, years: list[int]) -> tuple[tuple[float, ...], int | None]:
    """A project's yearly costs, spread evenly over the calendar years its planned dates span
    (one year when it has none), and its earliest start (its planned start year, when that
    is in the plan; before the plan, it may start in the plan's first year)."""
    start, end = project.planned_start, project.planned_end
    length = 1 if not (start and end and end >= start) else end.year - start.year + 1
    earliest = start.year if start and start.year in years else None
    return tuple([cost / length] * length), earliest


FAIRNESS_CHOICES = ("none", "lexicographic")


def clean_analysis(analysis) -> dict:
    """What the run studies besides the answer: ``sensitivity`` (re-solving without each rule
    and at ±10% budget) and ``fairness`` (a second objective: ``lexicographic``, with
    ``score_slack`` the share of score it may give up for money closer to need)."""
    if not analysis:
        return {}
    allowed = {"sensitivity", "fairness", "score_slack", "population_floor_share"}
    if not isinstance(analysis, dict) or set(analysis) - allowed:
        raise ValidationError({"rules": _("The analysis options are not valid.")})
    clean: dict = {}
    if analysis.get("sensitivity"):
        clean["sensitivity"] = True
    fairness = analysis.get("fairness", "none")
    if fairness not in FAIRNESS_CHOICES:
        raise ValidationError({"rules": _("Unknown fairness objective.")})
    if fairness != "none":
        clean["fairness"] = fairness
        clean["score_slack"] = _check_share(analysis.get("score_slack", 0), _("score slack"))
    if analysis.get("population_floor_share"):
        clean["population_floor_share"] = _check_share(
            analysis["population_floor_share"], _("per-capita floors")
        )
    return clean


def _validate(scenario: Scenario) -> None:
    scenario.rules = clean_rules(scenario.rules)
    if scenario.rules.get("years"):
        # A plan's budget is the total of its years.
        total = sum(scenario.rules["years"]["budgets"].values())
        scenario.budget = Decimal(str(round(total, 2)))
    bad_stage = set(scenario.candidate_stages) - set(ProjectStatus.values)
    if not scenario.candidate_stages or bad_stage:
        raise ValidationError({"candidate_stages": _("Choose at least one valid lifecycle stage.")})
    districts = set(District.objects.values_list("iso_code", flat=True))
    if set(scenario.district_filter) - districts:
        raise ValidationError({"district_filter": _("Unknown district code.")})
    if set(scenario.sector_filter) - set(Sector.values):
        raise ValidationError({"sector_filter": _("Unknown sector code.")})
    scenario.full_clean()


@transaction.atomic
def scenario_create(*, by, **fields) -> Scenario:
    scenario = Scenario(created_by=by, **fields)
    _validate(scenario)
    scenario.save()
    changes = diff_fields({}, snapshot(scenario, EDITABLE_FIELDS))
    record_event(action="create", instance=scenario, actor=by, changes=changes)
    return scenario


@transaction.atomic
def scenario_update(
    *, scenario: Scenario, by, expected_version: int | None = None, **fields
) -> Scenario:
    """Change the given settings of the scenario as stored now (its result goes: it no longer
    answers them). With `expected_version`, one saved elsewhere since is refused."""
    current = lock_current(scenario, expected_version=expected_version)
    if current.status in (ScenarioStatus.RUNNING, ScenarioStatus.APPROVED):
        raise ValidationError(_("A running or approved scenario cannot be changed."))
    before = snapshot(current, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    _validate(current)
    changes = diff_fields(before, snapshot(current, EDITABLE_FIELDS))
    if changes:
        current.status, current.result, current.error = ScenarioStatus.DRAFT, None, ""
        current.save()
        record_event(action="update", instance=current, actor=by, changes=changes)
    return adopt(scenario, current)


@transaction.atomic
def scenario_start(*, scenario: Scenario, by) -> Scenario:
    """Mark the scenario running and start the run once this transaction commits. A run
    whose worker died is failed first (`runs.fail_stuck_runs`), so it can be run again."""
    runs.fail_stuck_runs(Scenario.objects.filter(pk=scenario.pk))
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if locked.status in (ScenarioStatus.RUNNING, ScenarioStatus.APPROVED):
        raise ValidationError(_("This scenario is running or approved; it cannot be run now."))
    previous = locked.status
    locked.status, locked.error, locked.result = ScenarioStatus.RUNNING, "", None
    locked.started_at, locked.finished_at = timezone.now(), None
    locked.run_id, locked.run_owner, locked.heartbeat_at = uuid.uuid4(), "", None
    locked.save(
        update_fields=[
            "status",
            "error",
            "result",
            "started_at",
            "finished_at",
            "run_id",
            "run_owner",
            "heartbeat_at",
        ]  # fmt: skip
    )
    record_event(action="run", instance=locked, actor=by, changes={"status": [previous, "running"]})
    _launch(locked, by)  # a job, in this transaction; queued when it commits
    scenario.refresh_from_db()
    return scenario


def _launch(scenario: Scenario, by) -> None:
    # tasks.py calls this module's scenario_run (a real cycle).
    from imar.needs.tasks import enqueue_scenario_run

    enqueue_scenario_run(scenario.pk, run_id=scenario.run_id, by=by)


def _finite(value):
    """JSON-safe: infinities and NaN become None (PostgreSQL's jsonb refuses them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def candidate_projects(scenario: Scenario):
    projects = Project.objects.filter(status__in=scenario.candidate_stages).select_related(
        "municipality__district__region"
    )
    if scenario.district_filter:
        projects = projects.filter(municipality__district__iso_code__in=scenario.district_filter)
    if scenario.sector_filter:
        projects = projects.filter(sector__in=scenario.sector_filter)
    return list(projects.order_by("code"))


def _problem(scenario: Scenario, candidates, scores) -> tuple[allocation.Problem, str]:
    """The allocation problem: each candidate with its region and district, the floors and
    ceilings of both levels at once, the sector caps, and per-capita district floors when the
    analysis asks for them."""
    regions, districts = scenario.rules.get("regions", {}), scenario.rules.get("districts", {})
    level = "both" if regions and districts else "district" if districts else "region"
    mandatory = set(scenario.rules.get("mandatory", []))
    items = []
    for candidate, score in zip(candidates, scores, strict=True):
        place = candidate.project.municipality.district
        items.append(
            allocation.Candidate(
                id=candidate.project.code,
                cost=float(candidate.cost),
                score=float(score),
                region=place.region.code,
                sector=candidate.project.sector,
                mandatory=candidate.project.code in mandatory,
                district=place.iso_code,
            )
        )
    problem = allocation.Problem(
        budget=float(scenario.budget),
        candidates=tuple(items),
        regions={code: allocation.RegionLimit(**v) for code, v in regions.items()},
        sector_max_shares={k: v["max_share"] for k, v in scenario.rules.get("sectors", {}).items()},
        currency=scenario.currency,
        districts={code: allocation.RegionLimit(**v) for code, v in districts.items()},
    )
    problem, floored = _with_population_floors(problem, scenario, {c.district for c in items})
    if floored:
        level = "both" if regions else "district"
    return problem, level


def _with_population_floors(problem, scenario: Scenario, districts: set[str]):
    """The per-capita district floors the analysis asks for (`population_floor_share`), on
    the districts the problem holds: (problem, whether any floor was set). One-year and
    multi-year problems take them alike."""
    share = scenario.rules.get("analysis", {}).get("population_floor_share")
    if not share:
        return problem, False
    _, population = district_needs(scenario.currency, scenario.district_filter)
    population = {code: people for code, people in population.items() if code in districts}
    if not population:
        return problem, False
    try:
        return population_floors(problem, population, share), True
    except allocation.ProblemError as exc:
        code = exc.path.removeprefix("population.")
        raise PopulationFloorError(code, share) from exc


class PopulationFloorError(ValueError):
    """A per-capita floor above its district's ceiling; worded by `runs.failure_message`."""

    code = "population_floor_above_ceiling"

    def __init__(self, district: str, share: float) -> None:
        super().__init__(f"the per-capita floor of {district} is above its maximum share")
        self.params = {"district": district, "share": share}


def district_needs(
    currency: str, only: list[str] | None = None
) -> tuple[dict[str, float], dict[str, int]]:
    """Recovery needs per district (in ``currency``; only these districts when given) and the
    population the gazetteer has: the sum of its municipalities' seat towns in Natural Earth
    (about 2017; no open census figure per district was found, see imar/geo/data/README.md)."""
    overview = needs_overview(currency=currency)
    need = {
        row.district.iso_code: float(row.recovery_needs or 0)
        for row in overview.districts
        if not only or row.district.iso_code in only
    }
    population = {
        row["district__iso_code"]: row["people"]
        for row in Municipality.objects.filter(population__gt=0)
        .values("district__iso_code")
        .annotate(people=Sum("population"))
    }
    return need, population


def _analysis(scenario: Scenario, problem, answer, limit: float) -> tuple[object, dict]:
    """The fairness second objective (which may replace the answer) and the sensitivity and
    equity figures stored beside it."""
    options = scenario.rules.get("analysis", {})
    need, population = district_needs(scenario.currency, scenario.district_filter)
    extra: dict = {}
    base = answer
    has_answer = bool(answer.selected) or answer.status in ("optimal", "feasible")
    if options.get("fairness") == "lexicographic" and has_answer and sum(need.values()) > 0:
        answer = allocate_fair(
            problem, need, score_slack=options.get("score_slack", 0.0), time_limit=limit, base=base
        )
        extra["fairness"] = {
            "objective": "lexicographic",
            "score_slack": options.get("score_slack", 0.0),
            "score_before": base.total_score,
            "selected_before": list(base.selected),
        }
    if has_answer and sum(need.values()) > 0:
        equity = district_equity(money_by_district(problem, answer.selected), need, population)
        if "fairness" in extra:
            before = district_equity(money_by_district(problem, base.selected), need)
            extra["fairness"].update(gini_before=before["gini"], theil_before=before["theil"])
        extra["equity"] = equity
    if options.get("sensitivity") and has_answer:
        extra["sensitivity"] = sensitivity(problem, base=base, time_limit=max(1.0, limit / 4))
    return answer, extra


PLAN_KEYS = ("starts", "years")


def _plan_problem(scenario: Scenario, candidates, scores) -> MultiYearProblem:
    years_rule = scenario.rules["years"]
    years = [int(y) for y in years_rule["budgets"]]
    mandatory = set(scenario.rules.get("mandatory", []))
    items = []
    for candidate, score in zip(candidates, scores, strict=True):
        costs, earliest = cost_profile(candidate.project, float(candidate.cost), years)
        place = candidate.project.municipality.district
        items.append(
            YearCandidate(
                id=candidate.project.code,
                costs=costs,
                score=float(score),
                earliest_start=earliest,
                mandatory=candidate.project.code in mandatory,
                region=place.region.code,
                district=place.iso_code,
                sector=candidate.project.sector,
            )
        )
    rules = scenario.rules
    problem = MultiYearProblem(
        years=tuple(years),
        budgets=tuple(years_rule["budgets"][str(y)] for y in years),
        candidates=tuple(items),
        carry_over=years_rule["carry_over"],
        currency=scenario.currency,
        # Shares of the whole plan's budget, held by the plan's money in each group.
        regions={code: allocation.RegionLimit(**v) for code, v in rules.get("regions", {}).items()},
        districts={
            code: allocation.RegionLimit(**v) for code, v in rules.get("districts", {}).items()
        },
        sector_max_shares={k: v["max_share"] for k, v in rules.get("sectors", {}).items()},
    )
    problem, _floored = _with_population_floors(problem, scenario, {c.district for c in items})
    return problem


def _plan_analysis(scenario: Scenario, plan: MultiYearProblem, answer, limit: float) -> dict:
    """A plan's equity figures (money over the plan's years by district against needs) and,
    when asked, its sensitivity."""
    options = scenario.rules.get("analysis", {})
    extra: dict = {}
    has_answer = bool(answer.selected) or answer.status in ("optimal", "feasible")
    need, population = district_needs(scenario.currency, scenario.district_filter)
    if has_answer and sum(need.values()) > 0:
        chosen = set(answer.selected)
        money: dict[str, float] = {}
        for c in plan.candidates:
            if c.id in chosen:
                key = c.district or c.region
                money[key] = money.get(key, 0.0) + c.total_cost
        extra["equity"] = district_equity(money, need, population)
    if options.get("sensitivity") and has_answer:
        extra["sensitivity"] = plan_sensitivity(plan, base=answer, time_limit=max(1.0, limit / 4))
    return extra


def scenario_run(*, scenario_id: int, time_limit: float | None = None) -> Scenario:
    """Score the candidates, allocate the budget and store the result (or the error)."""
    scenario = Scenario.objects.select_related("scoring_model").get(pk=scenario_id)
    run_id = scenario.run_id
    if not runs.claim(scenario_id, run_id):
        return scenario  # no longer this run: another took over, or it was failed
    with runs.heartbeat(scenario_id, run_id):
        _compute(scenario, run_id, time_limit)
    scenario.refresh_from_db()
    return scenario


def _compute(scenario: Scenario, run_id, time_limit: float | None) -> None:
    scenario_id = scenario.pk
    started = time.perf_counter()
    try:
        convert = Converter(scenario.currency)
        candidates, skipped = build_candidates(candidate_projects(scenario), convert)
        scored = score_candidates(candidates, scenario.scoring_model.definition)
        scores = [] if scored is None else list(map(float, scored.scores))
        # Costs in the scenario's currency, as the allocator saw them.
        costs = {c.project.code: float(c.cost) for c in candidates}
        limit = time_limit if time_limit is not None else settings.IMAR_SCENARIO_TIME_LIMIT
        if scenario.rules.get("years"):
            plan = _plan_problem(scenario, candidates, scores)
            answer = allocate_years(plan, time_limit=limit)
            result = _finite(
                {
                    **_summary(answer, "plan", skipped, scored, started, costs),
                    **{key: value for key, value in answer.to_dict().items() if key in PLAN_KEYS},
                    "carry_over": plan.carry_over,
                    **_plan_analysis(scenario, plan, answer, limit),
                }
            )
            runs.store(
                scenario_id,
                run_id,
                status=ScenarioStatus.DONE,
                result=result,
                finished_at=timezone.now(),
            )
            return
        problem, level = _problem(scenario, candidates, scores)

        def publish_quick_answer(quick: allocation.Allocation) -> None:
            runs.store(
                scenario_id,
                run_id,
                result=_finite(_summary(quick, level, skipped, scored, started, costs)),
            )

        answer = allocation.allocate(
            problem, time_limit=limit, on_first_answer=publish_quick_answer
        )
        answer, extra = _analysis(scenario, problem, answer, limit)
        result = _finite({**_summary(answer, level, skipped, scored, started, costs), **extra})
        runs.store(
            scenario_id,
            run_id,
            status=ScenarioStatus.DONE,
            result=result,
            finished_at=timezone.now(),
        )
    except (scoring.ScoringError, allocation.ProblemError, ValueError) as exc:
        log.warning("scenario %s failed: %s", scenario_id, exc)
        runs.store(
            scenario_id,
            run_id,
            status=ScenarioStatus.FAILED,
            error=str(exc),
            result={
                "error_code": getattr(exc, "code", "invalid"),
                "params": _finite(getattr(exc, "params", {})),
            },
            finished_at=timezone.now(),
        )
    except Exception:  # a bug must not leave the run "running": say so, keep the trace
        log.exception("scenario %s: the run crashed", scenario_id)
        runs.store(
            scenario_id,
            run_id,
            status=ScenarioStatus.FAILED,
            error="internal error",
            result={"error_code": runs.INTERNAL_ERROR, "params": {}},
            finished_at=timezone.now(),
        )


def _summary(answer, level, skipped, scored, started, costs) -> dict:
    return {
        "status": answer.status,
        "method": answer.method,
        "level": level,
        "selected": list(answer.selected),
        "total_cost": answer.total_cost,
        "total_score": answer.total_score,
        "upper_bound": answer.upper_bound,
        "gap": answer.gap,
        "conflicts": [reason.to_dict() for reason in answer.conflicts],
        "explanations": {k: r.to_dict() for k, r in answer.explanations.items()},
        "scores": {} if scored is None else {r["id"]: r["score"] for r in scored.rows()},
        "scoring_model": None if scored is None else scored.model,
        "costs": costs,
        "skipped": skipped,
        "seconds": time.perf_counter() - started,
    }


@dataclass(frozen=True)
class PlannedMove:
    """What approval would do to one chosen project: the statuses it passes through, or why
    it cannot move (every refusal of the path, translated)."""

    code: str
    title: str
    status: str
    steps: tuple[str, ...]
    refusals: tuple[str, ...] = ()

    @property
    def can_move(self) -> bool:
        return not self.refusals

    @property
    def status_label(self) -> str:
        return ProjectStatus(self.status).label

    @property
    def step_labels(self) -> list[str]:
        return [ProjectStatus(step).label for step in self.steps]

    @property
    def reason(self) -> str:
        return " ".join(self.refusals)


@dataclass(frozen=True)
class ApprovalPlan:
    """Every chosen project's planned move; approval goes ahead only when all can move."""

    moves: tuple[PlannedMove, ...]

    @property
    def blocked(self) -> list[PlannedMove]:
        return [move for move in self.moves if not move.can_move]

    @property
    def moving(self) -> list[PlannedMove]:
        return [move for move in self.moves if move.can_move and move.steps]

    @property
    def ok(self) -> bool:
        return not self.blocked

    def refused(self) -> list[dict]:
        return [{"project": move.code, "reason": move.reason} for move in self.blocked]


class ApprovalRefused(ValidationError):
    """Approval refused because some chosen projects cannot move; nothing was changed."""

    def __init__(self, plan: ApprovalPlan) -> None:
        self.plan = plan
        count = len(plan.blocked)
        super().__init__(
            ngettext(
                "Nothing was approved: %(count)s chosen project cannot move forward to "
                "“approved”. Settle it (or run the scenario again without it) first.",
                "Nothing was approved: %(count)s chosen projects cannot move forward to "
                "“approved”. Settle them (or run the scenario again without them) first.",
                count,
            )
            % {"count": count}
        )


def _check_approvable(scenario: Scenario) -> None:
    if scenario.status != ScenarioStatus.DONE or not scenario.result:
        raise ValidationError(_("Only a scenario that has run to the end can be approved."))
    if scenario.result.get("status") == "infeasible":
        raise ValidationError(_("A scenario whose rules cannot all hold cannot be approved."))
    if scenario.result.get("status") == allocation.NO_SOLUTION_FOUND:
        raise ValidationError(_("A scenario without a selection cannot be approved."))


def _planned_move(project: Project, by) -> PlannedMove:
    """Walk identified -> appraised -> approved on a copy, asking the lifecycle (and the
    permission rule) at each step; a refused step is noted and the walk goes on, so the
    officer sees everything that stands in the way at once."""
    start = project.status
    if start not in (ProjectStatus.IDENTIFIED, ProjectStatus.APPRAISED, ProjectStatus.APPROVED):
        refusal = _(
            "The project is “%(status)s”; only identified or appraised projects move forward."
        ) % {"status": ProjectStatus(start).label}
        return PlannedMove(project.code, project.title, start, (), (refusal,))
    walker = copy.copy(project)  # the lifecycle's checks read the copy; nothing is saved
    steps, refusals = [], []
    while walker.status in (ProjectStatus.IDENTIFIED, ProjectStatus.APPRAISED):
        target = FORWARD[walker.status]
        if not can_transition_project(by, walker, target):
            refusals.append(_("You may not move this project forward."))
        else:
            try:
                check_transition(walker, target)
            except TransitionRefused as exc:
                refusals.append(str(exc))
        steps.append(target)
        walker.status = target
    return PlannedMove(project.code, project.title, start, tuple(steps), tuple(refusals))


def _plan(codes: list[str], by, *, lock: bool = False) -> ApprovalPlan:
    projects = Project.objects.filter(code__in=codes).order_by("code")
    if lock:
        projects = projects.select_for_update()
    moves = [_planned_move(project, by) for project in projects]
    found = {move.code for move in moves}
    gone = _("The project no longer exists.")
    moves += [PlannedMove(code, "", "", (), (gone,)) for code in sorted(set(codes) - found)]
    return ApprovalPlan(tuple(moves))


def approval_plan(*, scenario: Scenario, by) -> ApprovalPlan:
    """What approving the scenario would do now, project by project (nothing is changed).
    Raises ValidationError when the scenario itself cannot be approved."""
    _check_approvable(scenario)
    return _plan(scenario.result["selected"], by)


def scenario_approve(*, scenario: Scenario, by) -> dict:
    """Approve a run scenario, all or nothing: every chosen project moves forward to
    "approved" through the lifecycle and the scenario is marked approved, in one transaction.
    When any chosen project cannot move, ApprovalRefused lists them and nothing changes."""
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _check_approvable(locked)
        plan = _plan(locked.result["selected"], by, lock=True)
        if not plan.ok:
            raise ApprovalRefused(plan)
        reason = _("Chosen in an approved scenario.")
        projects = {p.code: p for p in Project.objects.filter(code__in=locked.result["selected"])}
        for move in plan.moves:
            for target in move.steps:
                try:
                    project_transition(project=projects[move.code], to=target, by=by, reason=reason)
                except TransitionRefused as exc:  # cannot happen under the locks; if it does,
                    raise ValidationError(str(exc)) from exc  # the whole approval rolls back
        moved = [move.code for move in plan.moves]
        locked.status, locked.approved_by, locked.approved_at = (
            ScenarioStatus.APPROVED,
            by,
            timezone.now(),
        )
        locked.result = {**locked.result, "approval": {"moved": moved, "refused": []}}
        locked.save(update_fields=["status", "approved_by", "approved_at", "result"])
        record_event(
            action="approve",
            instance=locked,
            actor=by,
            changes={"status": [ScenarioStatus.DONE, ScenarioStatus.APPROVED]},
            reason="moved: {}; refused: -".format(" ".join(moved) or "-"),
        )
    scenario.refresh_from_db()
    return locked.result["approval"]


def scoring_model_in_use(model: ScoringModel) -> bool:
    return Scenario.objects.filter(
        scoring_model=model, status__in=[ScenarioStatus.DONE, ScenarioStatus.APPROVED]
    ).exists()
