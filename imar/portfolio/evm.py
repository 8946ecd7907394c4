"""Earned value management (EVM), as a pure module.

No Django, no ORM: callers build :class:`EVMProject` values from whatever they
store and get plain dataclasses back, so this is easy to test and reuse (views,
PDF reports, the open-data export, management commands).

Numbers
-------
All amounts, percentages and ratios are :class:`decimal.Decimal`. Inputs may be
``Decimal``, ``int`` or ``str`` (floats are accepted and converted through
``str()``, so ``0.1`` becomes ``Decimal("0.1")``). Nothing is rounded inside the
module: results carry the precision of the current decimal context (28
significant digits by default), so roll-ups are sums of unrounded values and
``EV - PV`` is exactly ``SV``. Round only for display, with
:meth:`EVMMetrics.quantized` (``ROUND_HALF_UP``; money to 2 places, ratios to 3,
percentages to 1 by default).

Percentages are on a 0-100 scale everywhere in the API (progress reports,
``percent_planned``, ``percent_complete``, ``percent_spent``). Milestone
weights are any non-negative numbers; they are normalized to shares of the
physical work.

Definitions (as of a date ``d``; dates are days, a value dated ``d`` counts on
``d``)
------------------------------------------------------------------------------
* BAC: budget at completion.
* Planned % (``percent_planned``): the baseline. 0 before ``planned_start``.
  With milestones: piecewise linear through ``(planned_start, 0)`` and, for each
  distinct milestone date in order, ``(date, cumulative normalized weight)``,
  then flat at 100 % after the last milestone (``planned_end`` is ignored).
  Milestones dated on or before ``planned_start`` are planned *at* the start (a
  step). If every weight is 0, milestones count equally. Without milestones:
  linear from ``(planned_start, 0)`` to ``(planned_end, 100)`` (a step at the
  start if ``planned_end <= planned_start``).
* PV = BAC x planned %.
* EV = BAC x physical % of the latest progress report dated <= d (the caller
  passes *verified* reports only; on one date, the highest percent wins so the
  result does not depend on input order). 0 before the first report. A later,
  lower report lowers EV: the latest verified measurement is the truth.
* AC = sum of expenditures dated <= d, already converted to one currency by the
  caller (negative amounts, e.g. reversals, are allowed).
* SV = EV - PV, CV = EV - AC.
* SPI = EV / PV (None when PV = 0), CPI = EV / AC (None when AC = 0).
* EAC = AC + (BAC - EV) / CPI, which simplifies to BAC / CPI: the standard
  "remaining work continues at the cost efficiency seen so far" forecast. None
  when CPI is None or 0 (nothing spent, or nothing earned yet). Alternatives,
  also reported because they answer different questions:

  - ``eac_atypical`` = AC + (BAC - EV): the overrun so far was a one-off and the
    remaining work will cost what was budgeted;
  - ``eac_cpi_spi`` = AC + (BAC - EV) / (CPI x SPI): schedule pressure also
    drives cost (the pessimistic forecast for late *and* over-budget work);
    None when CPI or SPI is None or 0;
  - a bottom-up re-estimate (AC + a new ETC) is a human input, not computed.

* ETC = EAC - AC, VAC = BAC - EAC (negative = forecast overrun).
* TCPI = (BAC - EV) / (BAC - AC): the cost efficiency the remaining work needs
  to finish on budget. None when BAC - AC <= 0 (budget already spent; only an
  EAC-based target would make sense then).
* ``percent_complete`` = EV / BAC x 100, ``percent_spent`` = AC / BAC x 100
  (None when BAC = 0).

Roll-ups (program, district, sector, portfolio) sum PV, EV, AC and BAC and then
derive every ratio and forecast from the sums, never by averaging project
ratios: ΣEV/ΣPV is the PV-weighted mean of project SPIs, so a small project
cannot move the portfolio index as much as a large one; averages of ratios are
undefined as soon as one project has PV = 0 or AC = 0, and could even disagree
in sign with the summed variances (mean SPI > 1 while ΣSV < 0). Consequently a
group's EAC is ΣBAC / (ΣEV/ΣAC), not the sum of the projects' EACs.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

__all__ = [
    "CurvePoint",
    "EVMMetrics",
    "EVMProject",
    "Expenditure",
    "Milestone",
    "ProgressReport",
    "compute_metrics",
    "cost_curve",
    "metrics",
    "planned_curve",
    "progress_curve",
    "rollup",
    "rollup_by",
    "time_series",
]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

Number = Decimal | int | str | float


def _dec(value: Number, what: str) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise TypeError(f"{what}: expected a number, got a bool")
    elif isinstance(value, int | str):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    else:
        raise TypeError(f"{what}: expected a number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what}: must be finite, got {value!r}")
    return result


def _day(value: dt.date, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{what}: expected a date, got {type(value).__name__}")


def _div(num: Decimal, den: Decimal) -> Decimal | None:
    return None if den == 0 else num / den


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class Milestone:
    planned_date: dt.date
    weight: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "planned_date", _day(self.planned_date, "milestone date"))
        weight = _dec(self.weight, "milestone weight")
        if weight < 0:
            raise ValueError(f"milestone weight must be >= 0, got {weight}")
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """A verified physical progress measurement, ``percent`` in 0-100."""

    report_date: dt.date
    percent: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "report_date", _day(self.report_date, "report date"))
        percent = _dec(self.percent, "progress percent")
        if not ZERO <= percent <= HUNDRED:
            raise ValueError(f"progress percent must be within 0-100, got {percent}")
        object.__setattr__(self, "percent", percent)


@dataclass(frozen=True, slots=True)
class Expenditure:
    spent_on: dt.date
    amount: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "spent_on", _day(self.spent_on, "expenditure date"))
        object.__setattr__(self, "amount", _dec(self.amount, "expenditure amount"))


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """A point of a chart series: ``percent`` (0-100) and ``value`` (money)."""

    date: dt.date
    percent: Decimal
    value: Decimal


def _coerce(items: Iterable, cls: type) -> tuple:
    out = []
    for item in items:
        out.append(item if isinstance(item, cls) else cls(*item))
    return tuple(out)


@dataclass(frozen=True)
class EVMProject:
    """What EVM needs to know about one project.

    ``milestones``, ``reports`` and ``expenditures`` accept the dataclasses
    above or plain ``(date, number)`` tuples. ``key`` is free for the caller
    (a primary key, a slug) and is used by nothing here.
    """

    bac: Decimal
    planned_start: dt.date
    planned_end: dt.date | None = None
    milestones: Sequence[Milestone] = ()
    reports: Sequence[ProgressReport] = ()
    expenditures: Sequence[Expenditure] = ()
    key: Hashable = None

    # Precomputed lookup tables (sorted), filled in __post_init__.
    _plan_dates: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    _plan_fracs: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)
    _report_dates: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    _report_pcts: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)
    _cost_dates: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    _cost_cumul: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        setter = object.__setattr__
        bac = _dec(self.bac, "BAC")
        if bac < 0:
            raise ValueError(f"BAC must be >= 0, got {bac}")
        setter(self, "bac", bac)
        start = _day(self.planned_start, "planned_start")
        setter(self, "planned_start", start)
        end = None if self.planned_end is None else _day(self.planned_end, "planned_end")
        setter(self, "planned_end", end)
        milestones = _coerce(self.milestones, Milestone)
        reports = _coerce(self.reports, ProgressReport)
        expenditures = _coerce(self.expenditures, Expenditure)
        setter(self, "milestones", milestones)
        setter(self, "reports", reports)
        setter(self, "expenditures", expenditures)

        # Baseline breakpoints: (date, planned fraction 0..1), dates strictly increasing.
        if milestones:
            total = sum((m.weight for m in milestones), ZERO)
            weights = {}
            for m in milestones:
                when = max(m.planned_date, start)
                share = m.weight if total else ONE
                weights[when] = weights.get(when, ZERO) + share
            denominator = total if total else Decimal(len(milestones))
            dates = sorted(weights)
            cumul = list(accumulate(weights[d] for d in dates))
            fracs = [c / denominator for c in cumul]
            fracs[-1] = ONE  # exact, whatever the rounding of the shares
            if dates[0] > start:
                dates.insert(0, start)
                fracs.insert(0, ZERO)
        elif end is None:
            raise ValueError("a project needs milestones or a planned_end for its PV baseline")
        elif end <= start:
            dates, fracs = [start], [ONE]
        else:
            dates, fracs = [start, end], [ZERO, ONE]
        setter(self, "_plan_dates", tuple(dates))
        setter(self, "_plan_fracs", tuple(fracs))

        best: dict[dt.date, Decimal] = {}
        for r in reports:
            best[r.report_date] = max(best.get(r.report_date, ZERO), r.percent)
        setter(self, "_report_dates", tuple(sorted(best)))
        setter(self, "_report_pcts", tuple(best[d] for d in self._report_dates))

        spent: dict[dt.date, Decimal] = {}
        for e in expenditures:
            spent[e.spent_on] = spent.get(e.spent_on, ZERO) + e.amount
        cost_dates = sorted(spent)
        setter(self, "_cost_dates", tuple(cost_dates))
        setter(self, "_cost_cumul", tuple(accumulate(spent[d] for d in cost_dates)))

    # ----------------------------------------------------------------- point values

    @property
    def baseline_finish(self) -> dt.date:
        """Date from which the plan is 100 % (last milestone, or planned_end)."""
        return self._plan_dates[-1]

    def planned_fraction(self, on: dt.date) -> Decimal:
        """Planned share of the work (0..1) as of ``on``."""
        on = _day(on, "date")
        dates, fracs = self._plan_dates, self._plan_fracs
        if on < dates[0]:
            return ZERO
        i = bisect.bisect_right(dates, on) - 1
        if i == len(dates) - 1:
            return fracs[-1]
        d0, d1 = dates[i], dates[i + 1]
        f0, f1 = fracs[i], fracs[i + 1]
        return f0 + (f1 - f0) * (on - d0).days / (d1 - d0).days

    def planned_percent(self, on: dt.date) -> Decimal:
        return self.planned_fraction(on) * HUNDRED

    def progress_percent(self, on: dt.date) -> Decimal:
        """Physical % complete from the latest verified report dated <= ``on``."""
        i = bisect.bisect_right(self._report_dates, _day(on, "date"))
        return self._report_pcts[i - 1] if i else ZERO

    def pv(self, on: dt.date) -> Decimal:
        return self.bac * self.planned_fraction(on)

    def ev(self, on: dt.date) -> Decimal:
        return self.bac * self.progress_percent(on) / HUNDRED

    def ac(self, on: dt.date) -> Decimal:
        i = bisect.bisect_right(self._cost_dates, _day(on, "date"))
        return self._cost_cumul[i - 1] if i else ZERO

    def metrics(self, as_of: dt.date) -> EVMMetrics:
        return metrics(self, as_of)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class EVMMetrics:
    """EVM indicators as of a date, for one project or a group (see module doc)."""

    as_of: dt.date
    project_count: int
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    sv: Decimal
    cv: Decimal
    spi: Decimal | None
    cpi: Decimal | None
    eac: Decimal | None
    etc: Decimal | None
    vac: Decimal | None
    eac_atypical: Decimal
    eac_cpi_spi: Decimal | None
    tcpi: Decimal | None
    percent_planned: Decimal | None
    percent_complete: Decimal | None
    percent_spent: Decimal | None

    MONEY_FIELDS = (
        "bac",
        "pv",
        "ev",
        "ac",
        "sv",
        "cv",
        "eac",
        "etc",
        "vac",
        "eac_atypical",
        "eac_cpi_spi",
    )
    RATIO_FIELDS = ("spi", "cpi", "tcpi")
    PERCENT_FIELDS = ("percent_planned", "percent_complete", "percent_spent")

    def quantized(self, money: int = 2, ratio: int = 3, percent: int = 1) -> EVMMetrics:
        """A copy rounded for display (ROUND_HALF_UP); None stays None."""

        def q(value: Decimal | None, places: int) -> Decimal | None:
            if value is None:
                return None
            return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

        changes = {}
        for names, places in (
            (self.MONEY_FIELDS, money),
            (self.RATIO_FIELDS, ratio),
            (self.PERCENT_FIELDS, percent),
        ):
            for name in names:
                changes[name] = q(getattr(self, name), places)
        return replace(self, **changes)


def compute_metrics(
    as_of: dt.date,
    bac: Decimal,
    pv: Decimal,
    ev: Decimal,
    ac: Decimal,
    project_count: int = 1,
) -> EVMMetrics:
    """Derive every indicator from the four base values (used for groups too)."""
    spi = _div(ev, pv)
    cpi = _div(ev, ac)
    eac = None if not cpi else ac + (bac - ev) / cpi
    eac_cpi_spi = None if not (cpi and spi) else ac + (bac - ev) / (cpi * spi)
    return EVMMetrics(
        as_of=as_of,
        project_count=project_count,
        bac=bac,
        pv=pv,
        ev=ev,
        ac=ac,
        sv=ev - pv,
        cv=ev - ac,
        spi=spi,
        cpi=cpi,
        eac=eac,
        etc=None if eac is None else eac - ac,
        vac=None if eac is None else bac - eac,
        eac_atypical=ac + (bac - ev),
        eac_cpi_spi=eac_cpi_spi,
        tcpi=(bac - ev) / (bac - ac) if bac - ac > 0 else None,
        percent_planned=None if bac == 0 else pv / bac * HUNDRED,
        percent_complete=None if bac == 0 else ev / bac * HUNDRED,
        percent_spent=None if bac == 0 else ac / bac * HUNDRED,
    )


def metrics(project: EVMProject, as_of: dt.date) -> EVMMetrics:
    """EVM indicators of one project as of ``as_of``."""
    as_of = _day(as_of, "as_of")
    return compute_metrics(
        as_of, project.bac, project.pv(as_of), project.ev(as_of), project.ac(as_of)
    )


def rollup(projects: Iterable[EVMProject], as_of: dt.date) -> EVMMetrics:
    """Indicators of a group: PV, EV, AC, BAC summed, ratios from the sums.

    An empty group gives zeros and None ratios.
    """
    as_of = _day(as_of, "as_of")
    bac = pv = ev = ac = ZERO
    count = 0
    for project in projects:
        count += 1
        bac += project.bac
        pv += project.pv(as_of)
        ev += project.ev(as_of)
        ac += project.ac(as_of)
    return compute_metrics(as_of, bac, pv, ev, ac, project_count=count)


def rollup_by(
    projects: Iterable[EVMProject],
    as_of: dt.date,
    key: Callable[[EVMProject], Hashable],
) -> dict[Hashable, EVMMetrics]:
    """One roll-up per group, e.g. ``key=lambda p: district_of[p.key]``."""
    groups: dict[Hashable, list[EVMProject]] = {}
    for project in projects:
        groups.setdefault(key(project), []).append(project)
    return {k: rollup(members, as_of) for k, members in groups.items()}


def time_series(projects: Iterable[EVMProject], dates: Iterable[dt.date]) -> list[EVMMetrics]:
    """Roll-up of ``projects`` at each of ``dates`` (an S-curve for a group).

    Pass a single project in a list for a project's own series.
    """
    projects = list(projects)
    return [rollup(projects, d) for d in dates]


# --------------------------------------------------------------------------- chart series


def planned_curve(project: EVMProject) -> list[CurvePoint]:
    """The baseline's breakpoints; drawn as straight lines between points it is exact.

    Starts at ``planned_start`` (0 %, or more if milestones are due on the start)
    and ends at the baseline finish (100 %); the plan is flat after the last point.
    """
    return [
        CurvePoint(d, f * HUNDRED, project.bac * f)
        for d, f in zip(project._plan_dates, project._plan_fracs, strict=True)
    ]


def progress_curve(project: EVMProject) -> list[CurvePoint]:
    """Verified progress as points (one per report date; EV = BAC x percent).

    EV holds until the next report: draw as a step chart (the value changes at
    each point and stays flat until the next one).
    """
    return [
        CurvePoint(d, p, project.bac * p / HUNDRED)
        for d, p in zip(project._report_dates, project._report_pcts, strict=True)
    ]


def cost_curve(project: EVMProject) -> list[CurvePoint]:
    """Cumulative actual cost, one point per expenditure date (a step chart too).

    ``percent`` is AC / BAC x 100 (0 when BAC = 0).
    """
    bac = project.bac
    return [
        CurvePoint(d, c / bac * HUNDRED if bac else ZERO, c)
        for d, c in zip(project._cost_dates, project._cost_cumul, strict=True)
    ]
