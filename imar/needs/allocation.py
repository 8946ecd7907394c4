"""Budget allocation: choose projects maximizing total score under the fund's rules (pure).

Rules: total cost within the budget; per-region minimum and maximum shares of the budget;
per-sector maximum shares; mandatory projects; ``requires`` (A only if B) and ``excludes``
(not both). :func:`allocate` gives a fast LP-rounding answer, then improves it with an exact
MILP (HiGHS through SciPy) within a time limit, and always reports an upper bound and the gap.
When the rules cannot all hold it says which ones conflict; every decision is explained.

Messages are returned as :class:`Reason` (stable ``code`` + ``params``, plus English ``text``)
so the Django side can translate them. No Django imports here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

__all__ = [
    "NO_SOLUTION_FOUND",
    "STATUSES",
    "Allocation",
    "Candidate",
    "Problem",
    "ProblemError",
    "Reason",
    "RegionLimit",
    "allocate",
    "check_selection",
    "greedy_allocation",
    "parse_allocation_input",
]

# Status of an answer that is neither found nor proven impossible within the time limit.
NO_SOLUTION_FOUND = "no_solution_found"
STATUSES = ("optimal", "feasible", "infeasible", NO_SOLUTION_FOUND)

# Costs are compared with this slack (relative to the budget) to absorb float rounding.
_REL_TOL = 1e-9
# HiGHS may return 0.9999997 for a chosen binary.
_INTEGRAL = 0.5


# --------------------------------------------------------------------------------------------
# Problem definition and input parsing


@dataclass(frozen=True)
class Candidate:
    id: str
    cost: float
    score: float
    region: str
    sector: str
    mandatory: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionLimit:
    min_share: float = 0.0
    max_share: float = 1.0


@dataclass(frozen=True)
class Problem:
    budget: float
    candidates: tuple[Candidate, ...]
    regions: Mapping[str, RegionLimit] = field(default_factory=dict)
    sector_max_shares: Mapping[str, float] = field(default_factory=dict)


class ProblemError(ValueError):
    """Invalid allocation input; ``path`` names the offending field (``candidates[3].cost``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _share(container: Mapping[str, Any], key: str, path: str, default: float) -> float:
    value = container.get(key, default)
    if not _is_number(value) or not 0 <= value <= 1:
        raise ProblemError(f"{path}.{key}", "must be a number between 0 and 1")
    return float(value)


def _id_list(value: Any, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProblemError(path, "must be a list of candidate ids (strings)")
    return tuple(dict.fromkeys(value))  # drop repeats, keep order


def parse_allocation_input(data: Any) -> Problem:
    """Validate a JSON-like dict and build a :class:`Problem`; raise :class:`ProblemError`."""
    if not isinstance(data, dict):
        raise ProblemError("input", "must be a JSON object")
    unknown = sorted(set(data) - {"budget", "candidates", "regions", "sectors"})
    if unknown:
        raise ProblemError(unknown[0], "unknown field")
    if "budget" not in data:
        raise ProblemError("budget", "is required")
    if not _is_number(data["budget"]) or data["budget"] <= 0:
        raise ProblemError("budget", "must be a positive number")
    if "candidates" not in data:
        raise ProblemError("candidates", "is required")
    raw_candidates = data["candidates"]
    if not isinstance(raw_candidates, list):
        raise ProblemError("candidates", "must be a list")

    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw_candidates):
        path = f"candidates[{index}]"
        if not isinstance(item, dict):
            raise ProblemError(path, "must be an object")
        for key in ("id", "cost", "score", "region", "sector"):
            if key not in item:
                raise ProblemError(f"{path}.{key}", "is required")
        if not isinstance(item["id"], str) or not item["id"]:
            raise ProblemError(f"{path}.id", "must be a non-empty string")
        if item["id"] in seen:
            raise ProblemError(
                f"{path}.id", f"duplicate id {item['id']!r} (also candidates[{seen[item['id']]}])"
            )
        seen[item["id"]] = index
        for key in ("cost", "score"):
            if not _is_number(item[key]) or item[key] < 0:
                raise ProblemError(f"{path}.{key}", "must be a non-negative number")
        for key in ("region", "sector"):
            if not isinstance(item[key], str) or not item[key]:
                raise ProblemError(f"{path}.{key}", "must be a non-empty string")
        mandatory = item.get("mandatory", False)
        if not isinstance(mandatory, bool):
            raise ProblemError(f"{path}.mandatory", "must be true or false")
        candidates.append(
            Candidate(
                id=item["id"],
                cost=float(item["cost"]),
                score=float(item["score"]),
                region=item["region"],
                sector=item["sector"],
                mandatory=mandatory,
                requires=_id_list(item.get("requires"), f"{path}.requires"),
                excludes=_id_list(item.get("excludes"), f"{path}.excludes"),
            )
        )
    # References are checked once every id is known.
    for index, candidate in enumerate(candidates):
        for key in ("requires", "excludes"):
            for position, other in enumerate(getattr(candidate, key)):
                where = f"candidates[{index}].{key}[{position}]"
                if other not in seen:
                    raise ProblemError(where, f"unknown candidate id {other!r}")
                if other == candidate.id:
                    raise ProblemError(where, "a candidate cannot refer to itself")

    regions: dict[str, RegionLimit] = {}
    raw_regions = data.get("regions") or {}
    if not isinstance(raw_regions, dict):
        raise ProblemError("regions", "must be an object mapping region codes to limits")
    for code, limits in raw_regions.items():
        path = f"regions.{code}"
        if not isinstance(limits, dict):
            raise ProblemError(path, "must be an object with min_share and/or max_share")
        extra = sorted(set(limits) - {"min_share", "max_share"})
        if extra:
            raise ProblemError(f"{path}.{extra[0]}", "unknown field")
        low = _share(limits, "min_share", path, 0.0)
        high = _share(limits, "max_share", path, 1.0)
        if low > high:
            raise ProblemError(path, f"min_share ({low:g}) is greater than max_share ({high:g})")
        regions[code] = RegionLimit(low, high)

    sectors: dict[str, float] = {}
    raw_sectors = data.get("sectors") or {}
    if not isinstance(raw_sectors, dict):
        raise ProblemError("sectors", "must be an object mapping sector codes to limits")
    for code, limits in raw_sectors.items():
        path = f"sectors.{code}"
        if not isinstance(limits, dict):
            raise ProblemError(path, "must be an object with max_share")
        extra = sorted(set(limits) - {"max_share"})
        if extra:
            raise ProblemError(f"{path}.{extra[0]}", "unknown field")
        sectors[code] = _share(limits, "max_share", path, 1.0)

    return Problem(float(data["budget"]), tuple(candidates), regions, sectors)


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Reason:
    """A translatable message: stable ``code``, JSON-able ``params`` and English ``text``."""

    code: str
    params: dict[str, Any]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "text": self.text}


@dataclass
class Allocation:
    # "optimal": proven optimal within the tolerance; "feasible": keeps every rule, gap shown;
    # "infeasible": proven that no selection keeps every rule (conflicts say which);
    # "no_solution_found": none found within the limit, and none proven impossible either.
    status: str
    selected: tuple[str, ...]
    total_cost: float
    total_score: float
    upper_bound: float
    gap: float
    conflicts: list[Reason] = field(default_factory=list)
    explanations: dict[str, Reason] = field(default_factory=dict)
    method: str = ""  # "milp" | "lp_rounding" | "greedy" | ""
    # Timings and intermediate figures, for benchmarks and logs.
    stats: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The CLI/API output format (English texts)."""
        data: dict[str, Any] = {
            "status": self.status,
            "selected": list(self.selected),
            "total_cost": self.total_cost,
            "total_score": self.total_score,
            "upper_bound": self.upper_bound,
            "gap": self.gap,
        }
        if self.conflicts:
            data["conflicts"] = [c.text for c in self.conflicts]
        if self.explanations:
            data["explanations"] = {k: r.text for k, r in self.explanations.items()}
        return data


# --------------------------------------------------------------------------------------------
# Internal array form


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _percent(share: float) -> str:
    return f"{share * 100:.4g}%"


def _ratio(value: float) -> str:
    if not math.isfinite(value):
        return "unbounded"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Model:
    """Candidates sorted by id, as arrays, plus the rules; shared by all solvers."""

    def __init__(self, problem: Problem) -> None:
        ordered = sorted(problem.candidates, key=lambda c: c.id)
        self.problem = problem
        self.budget = float(problem.budget)
        self.tol = _REL_TOL * self.budget
        self.ids = [c.id for c in ordered]
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.n = len(ordered)
        self.cost = np.array([c.cost for c in ordered], dtype=float)
        self.score = np.array([c.score for c in ordered], dtype=float)
        self.mandatory = np.array([c.mandatory for c in ordered], dtype=bool)
        self.region_codes = sorted({c.region for c in ordered} | set(problem.regions))
        self.sector_codes = sorted({c.sector for c in ordered} | set(problem.sector_max_shares))
        region_pos = {r: k for k, r in enumerate(self.region_codes)}
        sector_pos = {s: k for k, s in enumerate(self.sector_codes)}
        self.region = np.array([region_pos[c.region] for c in ordered], dtype=np.int64)
        self.sector = np.array([sector_pos[c.sector] for c in ordered], dtype=np.int64)
        limits = [problem.regions.get(r, RegionLimit()) for r in self.region_codes]
        self.region_min = np.array([lim.min_share for lim in limits]) * self.budget
        self.region_max = np.array([lim.max_share for lim in limits]) * self.budget
        self.sector_max = (
            np.array([problem.sector_max_shares.get(s, 1.0) for s in self.sector_codes])
            * self.budget
        )
        self.region_min_share = np.array([lim.min_share for lim in limits])
        self.region_max_share = np.array([lim.max_share for lim in limits])
        self.sector_max_share = np.array(
            [problem.sector_max_shares.get(s, 1.0) for s in self.sector_codes]
        )
        self.requires = [tuple(sorted(self.index[r] for r in c.requires)) for c in ordered]
        excludes: list[set[int]] = [set() for _ in ordered]
        for i, c in enumerate(ordered):
            for other in c.excludes:
                j = self.index[other]
                excludes[i].add(j)
                excludes[j].add(i)  # "not both" is symmetric
        self.excludes = excludes
        self.requires_pairs = [(i, j) for i in range(self.n) for j in self.requires[i]]
        self.excludes_pairs = sorted(
            {(min(i, j), max(i, j)) for i in range(self.n) for j in excludes[i]}
        )
        ratio = np.divide(self.score, self.cost, out=np.full(self.n, np.inf), where=self.cost > 0)
        ratio[(self.cost == 0) & (self.score == 0)] = 0.0
        self.ratio = ratio
        # Best score per dinar first; equal ratios by higher score, then id (already sorted).
        self.greedy_order = np.lexsort((np.arange(self.n), -self.score, -ratio))

    # Rule groups, used to build models with some rules switched off when explaining conflicts.
    def groups(self) -> list[tuple[Any, ...]]:
        groups: list[tuple[Any, ...]] = [("budget",)]
        groups += [
            ("region_min", r) for r in range(len(self.region_codes)) if self.region_min[r] > 0
        ]
        groups += [
            ("region_max", r)
            for r in range(len(self.region_codes))
            if self.region_max[r] < self.budget
        ]
        groups += [
            ("sector_max", s)
            for s in range(len(self.sector_codes))
            if self.sector_max[s] < self.budget
        ]
        groups += [("mandatory", i) for i in np.flatnonzero(self.mandatory).tolist()]
        groups += [("requires", i, j) for i, j in self.requires_pairs]
        groups += [("excludes", i, j) for i, j in self.excludes_pairs]
        return groups

    def constraints(
        self, active: set[tuple[Any, ...]] | None = None
    ) -> tuple[sparse.csr_array | None, np.ndarray, np.ndarray, np.ndarray]:
        """Rows of the MILP (costs scaled by the budget) and lower bounds of the variables."""

        def on(group: tuple[Any, ...]) -> bool:
            return active is None or group in active

        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        lower: list[float] = []
        upper: list[float] = []
        scaled = self.cost / self.budget
        everyone = np.arange(self.n)

        def add_row(members: np.ndarray, coefficients: np.ndarray, lo: float, hi: float) -> None:
            rows.append(np.full(len(members), len(lower)))
            cols.append(members)
            vals.append(coefficients)
            lower.append(lo)
            upper.append(hi)

        if on(("budget",)):
            add_row(everyone, scaled, -np.inf, 1.0)
        for r in range(len(self.region_codes)):
            lo = self.region_min_share[r] if on(("region_min", r)) else 0.0
            hi = self.region_max_share[r] if on(("region_max", r)) else 1.0
            if lo > 0 or hi < 1:
                members = np.flatnonzero(self.region == r)
                add_row(members, scaled[members], lo if lo > 0 else -np.inf, hi)
        for s in range(len(self.sector_codes)):
            if self.sector_max_share[s] < 1 and on(("sector_max", s)):
                members = np.flatnonzero(self.sector == s)
                add_row(members, scaled[members], -np.inf, self.sector_max_share[s])
        for i, j in self.requires_pairs:
            if on(("requires", i, j)):
                add_row(np.array([i, j]), np.array([1.0, -1.0]), -np.inf, 0.0)
        for i, j in self.excludes_pairs:
            if on(("excludes", i, j)):
                add_row(np.array([i, j]), np.array([1.0, 1.0]), -np.inf, 1.0)
        var_lower = np.zeros(self.n)
        for i in np.flatnonzero(self.mandatory):
            if on(("mandatory", int(i))):
                var_lower[i] = 1.0
        if not lower:
            return None, np.array([]), np.array([]), var_lower
        matrix = sparse.csr_array(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(lower), self.n),
        )
        return matrix, np.array(lower), np.array(upper), var_lower

    def describe_group(self, group: tuple[Any, ...]) -> dict[str, Any]:
        kind = group[0]
        if kind == "budget":
            return {
                "rule": "budget",
                "amount": self.budget,
                "text": f"the total budget of {_money(self.budget)}",
            }
        if kind in ("region_min", "region_max"):
            code = self.region_codes[group[1]]
            share = (self.region_min_share if kind == "region_min" else self.region_max_share)[
                group[1]
            ]
            word = "at least" if kind == "region_min" else "at most"
            return {
                "rule": kind,
                "region": code,
                "share": float(share),
                "text": f"region {code} gets {word} {_percent(share)} of the budget "
                f"({_money(share * self.budget)})",
            }
        if kind == "sector_max":
            code = self.sector_codes[group[1]]
            share = float(self.sector_max_share[group[1]])
            return {
                "rule": kind,
                "sector": code,
                "share": share,
                "text": f"sector {code} gets at most {_percent(share)} of the budget "
                f"({_money(share * self.budget)})",
            }
        if kind == "mandatory":
            project = self.ids[group[1]]
            return {"rule": kind, "project": project, "text": f"project {project} is mandatory"}
        first, second = self.ids[group[1]], self.ids[group[2]]
        if kind == "requires":
            return {
                "rule": kind,
                "project": first,
                "other": second,
                "text": f"project {first} may only be chosen together with {second}",
            }
        return {
            "rule": kind,
            "project": first,
            "other": second,
            "text": f"projects {first} and {second} cannot both be chosen",
        }

    def totals(self, chosen: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
        picked = self.cost * chosen
        by_region = np.bincount(self.region, picked, minlength=len(self.region_codes))
        by_sector = np.bincount(self.sector, picked, minlength=len(self.sector_codes))
        return float(picked.sum()), float(self.score[chosen].sum()), by_region, by_sector


# --------------------------------------------------------------------------------------------
# Checking a selection (also used by tests through check_selection)


def _violations(model: _Model, chosen: np.ndarray) -> list[str]:
    tol = model.tol
    problems: list[str] = []
    total, _, by_region, by_sector = model.totals(chosen)
    if total > model.budget + tol:
        problems.append(f"total cost {_money(total)} exceeds the budget")
    for r, code in enumerate(model.region_codes):
        if by_region[r] < model.region_min[r] - tol:
            problems.append(f"region {code} below its minimum share")
        if by_region[r] > model.region_max[r] + tol:
            problems.append(f"region {code} above its maximum share")
    for s, code in enumerate(model.sector_codes):
        if by_sector[s] > model.sector_max[s] + tol:
            problems.append(f"sector {code} above its maximum share")
    for i in np.flatnonzero(model.mandatory & ~chosen):
        problems.append(f"mandatory project {model.ids[i]} not chosen")
    for i, j in model.requires_pairs:
        if chosen[i] and not chosen[j]:
            problems.append(f"{model.ids[i]} chosen without {model.ids[j]}")
    for i, j in model.excludes_pairs:
        if chosen[i] and chosen[j]:
            problems.append(f"{model.ids[i]} and {model.ids[j]} both chosen")
    return problems


def check_selection(problem: Problem, selected: Iterable[str]) -> list[str]:
    """Rules broken by a selection (empty list: it is feasible)."""
    model = _Model(problem)
    chosen = np.zeros(model.n, dtype=bool)
    for cid in selected:
        chosen[model.index[cid]] = True
    return _violations(model, chosen)


# --------------------------------------------------------------------------------------------
# Greedy completion (the greedy baseline, and the repair step of LP rounding)


class _Greedy:
    """Adds projects (with everything they require) while keeping every upper-side rule.

    Invariant: spent + the sum of unmet regional minimums <= budget, so filling never takes
    money a region's floor still needs.
    """

    def __init__(self, model: _Model, chosen: np.ndarray) -> None:
        self.m = model
        self.chosen = chosen.copy()
        _, _, self.by_region, self.by_sector = model.totals(self.chosen)
        self.spent = float(model.cost[self.chosen].sum())

    def shortfall(self, by_region: np.ndarray) -> float:
        return float(np.maximum(self.m.region_min - by_region, 0.0).sum())

    def bundle(self, i: int) -> list[int] | None:
        """``i`` plus its unchosen requirements (transitively), or None if some are excluded."""
        stack, seen = [i], {i}
        while stack:
            k = stack.pop()
            for j in self.m.requires[k]:
                if j not in seen and not self.chosen[j]:
                    seen.add(j)
                    stack.append(j)
        members = sorted(seen)
        member_set = set(members)
        for k in members:
            for j in self.m.excludes[k]:
                if self.chosen[j] or j in member_set:
                    return None
        return members

    def try_add(self, i: int) -> bool:
        if self.chosen[i]:
            return False
        m = self.m
        if not m.requires[i] and not m.excludes[i]:
            return self._add_single(i)  # the common case, kept scalar for speed
        members = self.bundle(i)
        if members is None:
            return False
        cost = m.cost[members]
        by_region = self.by_region + np.bincount(
            m.region[members], cost, minlength=len(m.region_codes)
        )
        by_sector = self.by_sector + np.bincount(
            m.sector[members], cost, minlength=len(m.sector_codes)
        )
        spent = self.spent + float(cost.sum())
        if (
            spent + self.shortfall(by_region) > m.budget + m.tol
            or np.any(by_region > m.region_max + m.tol)
            or np.any(by_sector > m.sector_max + m.tol)
        ):
            return False
        self.chosen[members] = True
        self.by_region, self.by_sector, self.spent = by_region, by_sector, spent
        return True

    def _add_single(self, i: int) -> bool:
        m = self.m
        cost = float(m.cost[i])
        r, s = int(m.region[i]), int(m.sector[i])
        region_total = float(self.by_region[r]) + cost
        if region_total > m.region_max[r] + m.tol:
            return False
        if float(self.by_sector[s]) + cost > m.sector_max[s] + m.tol:
            return False
        # Only this region's unmet floor changes.
        before = max(float(m.region_min[r] - self.by_region[r]), 0.0)
        after = max(float(m.region_min[r]) - region_total, 0.0)
        shortfall = self.shortfall(self.by_region) - before + after
        if self.spent + cost + shortfall > m.budget + m.tol:
            return False
        self.chosen[i] = True
        self.by_region[r] = region_total
        self.by_sector[s] += cost
        self.spent += cost
        return True

    def release(self, margin: float) -> None:
        """Drop the lowest-value choices that no rule needs until the unmet floors fit in
        the budget with ``margin`` to spare (the rounded LP spends all, floors unmet)."""
        m = self.m
        forced, _ = _forced(m)
        needed = np.zeros(m.n, dtype=bool)
        for i, j in m.requires_pairs:
            if self.chosen[i]:
                needed[j] = True
        removable = np.flatnonzero(self.chosen & ~forced & ~needed)
        for i in removable[np.lexsort((-m.cost[removable], m.ratio[removable]))]:
            if m.budget - self.spent - self.shortfall(self.by_region) >= margin:
                return
            r, s = int(m.region[i]), int(m.sector[i])
            if self.by_region[r] - m.cost[i] < m.region_min[r] - m.tol:
                continue  # its region would fall below its own floor
            self.chosen[i] = False
            self.by_region[r] -= m.cost[i]
            self.by_sector[s] -= m.cost[i]
            self.spent -= float(m.cost[i])

    def complete(self) -> np.ndarray | None:
        """Meet regional minimums, then fill by score per dinar; None if a floor is missed."""
        m = self.m
        order = m.greedy_order
        for r in range(len(m.region_codes)):
            if self.by_region[r] >= m.region_min[r] - m.tol:
                continue
            for i in order[m.region[order] == r]:
                self.try_add(int(i))
                if self.by_region[r] >= m.region_min[r] - m.tol:
                    break
        for i in order:
            if m.score[i] > 0 or m.cost[i] == 0:
                self.try_add(int(i))
        return self.chosen if not _violations(m, self.chosen) else None


def _round_and_repair(model: _Model, x: np.ndarray) -> np.ndarray | None:
    """A feasible selection near the LP optimum ``x``, or the greedy one, whichever is better.

    Rounding down keeps every upper-side rule and every requires/excludes pair; floors left
    unmet are then filled, after releasing money from the least valuable choices if the
    rounded answer had already spent it all.
    """
    rounded_down = x > 1 - 1e-6
    best: np.ndarray | None = None
    for margin in (0.0, 0.002, 0.01, 0.05):
        greedy = _Greedy(model, rounded_down)
        greedy.release(margin * model.budget)
        best = greedy.complete()
        if best is not None:
            break
    forced, _ = _forced(model)
    scratch = _Greedy(model, np.zeros(model.n, dtype=bool))
    if all(scratch.try_add(int(i)) or scratch.chosen[i] for i in np.flatnonzero(forced)):
        plain = scratch.complete()
        if plain is not None and (
            best is None or model.score[plain].sum() > model.score[best].sum()
        ):
            best = plain
    return best


def _forced(model: _Model) -> tuple[np.ndarray, dict[int, int]]:
    """Mandatory projects and everything they require; ``via[j]`` = who required j."""
    forced = model.mandatory.copy()
    via: dict[int, int] = {}
    stack = list(np.flatnonzero(forced))
    while stack:
        k = int(stack.pop())
        for j in model.requires[k]:
            if not forced[j]:
                forced[j] = True
                via[j] = k
                stack.append(j)
    return forced, via


# --------------------------------------------------------------------------------------------
# Conflicts


def _simple_conflicts(model: _Model) -> list[Reason]:
    """Conflicts visible without solving; each one alone makes the rules impossible."""
    out: list[Reason] = []
    budget = model.budget
    tol = model.tol
    mins = [
        (model.region_codes[r], float(model.region_min_share[r]))
        for r in range(len(model.region_codes))
        if model.region_min_share[r] > 0
    ]
    total_min = sum(share for _, share in mins)
    if total_min > 1 + _REL_TOL:
        codes = [code for code, _ in mins]
        out.append(
            Reason(
                "region_minimums_exceed_budget",
                {"regions": codes, "total_share": total_min},
                f"The minimum shares of regions {_names(codes)} add up to {_percent(total_min)} "
                f"of the budget.",
            )
        )
    forced, via = _forced(model)
    only_mandatory = not via
    what = "Mandatory projects" if only_mandatory else "Mandatory projects and those they require"
    forced_cost = float(model.cost[forced].sum())
    if forced_cost > budget + tol:
        out.append(
            Reason(
                "mandatory_over_budget",
                {"cost": forced_cost, "budget": budget},
                f"{what} cost {_money(forced_cost)}, more than the budget of {_money(budget)}.",
            )
        )
    _, _, forced_region, forced_sector = model.totals(forced)
    for r, code in enumerate(model.region_codes):
        available = float(model.cost[model.region == r].sum())
        need = float(model.region_min[r])
        if need > available + tol:
            out.append(
                Reason(
                    "region_minimum_unreachable",
                    {
                        "region": code,
                        "share": float(model.region_min_share[r]),
                        "amount": need,
                        "available": available,
                    },
                    f"Region {code} requires at least {_percent(model.region_min_share[r])} of the "
                    f"budget ({_money(need)}) but all its candidates together cost "
                    f"{_money(available)}.",
                )
            )
        if model.region_max_share[r] < 1 and forced_region[r] > model.region_max[r] + tol:
            out.append(
                Reason(
                    "mandatory_over_region_maximum",
                    {
                        "region": code,
                        "cost": float(forced_region[r]),
                        "share": float(model.region_max_share[r]),
                    },
                    f"{what} in region {code} cost {_money(forced_region[r])}, more than its "
                    f"maximum share of {_percent(model.region_max_share[r])} of the budget "
                    f"({_money(model.region_max[r])}).",
                )
            )
    for s, code in enumerate(model.sector_codes):
        if model.sector_max_share[s] < 1 and forced_sector[s] > model.sector_max[s] + tol:
            out.append(
                Reason(
                    "mandatory_over_sector_maximum",
                    {
                        "sector": code,
                        "cost": float(forced_sector[s]),
                        "share": float(model.sector_max_share[s]),
                    },
                    f"{what} in sector {code} cost {_money(forced_sector[s])}, more than its "
                    f"maximum share of {_percent(model.sector_max_share[s])} of the budget "
                    f"({_money(model.sector_max[s])}).",
                )
            )

    def root_and_chain(i: int) -> list[str]:
        chain = [model.ids[i]]
        while i in via:
            i = via[i]
            chain.append(model.ids[i])
        return chain[::-1]  # mandatory root first

    for i, j in model.excludes_pairs:
        if not (forced[i] and forced[j]):
            continue
        a, b = model.ids[i], model.ids[j]
        if model.mandatory[i] and model.mandatory[j]:
            out.append(
                Reason(
                    "mandatory_excludes_mandatory",
                    {"project": a, "other": b},
                    f"Mandatory project {a} excludes mandatory project {b}.",
                )
            )
            continue
        # Put a required (non-mandatory) project first so the sentence reads naturally.
        if model.mandatory[i]:
            i, j = j, i
        chain = root_and_chain(i)
        other = model.ids[j]
        other_label = (
            f"mandatory project {other}"
            if model.mandatory[j]
            else f"{other} (required by mandatory project {root_and_chain(j)[0]})"
        )
        path = " → ".join(chain)
        out.append(
            Reason(
                "required_project_excluded",
                {"chain": chain, "other": other},
                f"Mandatory project {chain[0]} requires {chain[-1]} ({path}), but {chain[-1]} "
                f"and {other_label} exclude each other.",
            )
        )
    return out


def _relaxed_solve(model: _Model, active: set[tuple[Any, ...]] | None) -> Any:
    matrix, lower, upper, var_lower = model.constraints(active)
    kwargs: dict[str, Any] = {}
    if matrix is not None:
        # linprog wants A_ub x <= b_ub; split two-sided rows.
        finite_upper = np.isfinite(upper)
        finite_lower = np.isfinite(lower)
        blocks = [matrix[finite_upper], -matrix[finite_lower]]
        kwargs["A_ub"] = sparse.vstack(blocks, format="csr")
        kwargs["b_ub"] = np.concatenate([upper[finite_upper], -lower[finite_lower]])
    bounds = np.column_stack([var_lower, np.ones(model.n)])
    return linprog(-model.score, bounds=bounds, method="highs", **kwargs)


def _feasible(model: _Model, active: set[tuple[Any, ...]], time_limit: float) -> bool | None:
    """Whether the rules in ``active`` can all hold (None: unknown within the time)."""
    relaxed = _relaxed_solve(model, active)
    if relaxed.status == 2:
        return False
    matrix, lower, upper, var_lower = model.constraints(active)
    constraints = [LinearConstraint(matrix, lower, upper)] if matrix is not None else []
    result = milp(
        np.zeros(model.n),
        integrality=np.ones(model.n),
        bounds=Bounds(var_lower, np.ones(model.n)),
        constraints=constraints,
        options={"time_limit": max(time_limit, 0.1), "disp": False},
    )
    if result.status == 2:
        return False
    if result.x is not None:
        return True
    return None


def _conflicting_rules(model: _Model, *, time_limit: float) -> Reason:
    """A small set of rules that cannot hold together (deletion filter over rule groups)."""
    deadline = time.monotonic() + time_limit
    groups = model.groups()
    active = set(groups)

    def still_infeasible(trial: set[tuple[Any, ...]]) -> bool:
        remaining = max(deadline - time.monotonic(), 0.1)
        return _feasible(model, trial, min(remaining, 5.0)) is False

    # Whole kinds first: cheap when thousands of pairwise rules are irrelevant.
    for kind in ("excludes", "requires", "mandatory", "sector_max", "region_max", "region_min"):
        members = {g for g in active if g[0] == kind}
        if members and len(members) < len(active) and still_infeasible(active - members):
            active -= members
    # Then one by one (bounded, so huge rule sets still answer in time).
    for group in [g for g in groups if g in active][:300]:
        if time.monotonic() > deadline:
            break
        if len(active) > 1 and still_infeasible(active - {group}):
            active.discard(group)
    rules = [model.describe_group(g) for g in groups if g in active]
    return Reason(
        "conflicting_rules",
        {"rules": [{k: v for k, v in rule.items() if k != "text"} for rule in rules]},
        "These rules cannot all hold at once: " + "; ".join(r["text"] for r in rules) + ".",
    )


# --------------------------------------------------------------------------------------------
# Explanations


def _explain(model: _Model, chosen: np.ndarray) -> dict[str, Reason]:
    """Why each candidate is in or out (the binding reason for left-out ones)."""
    total, _, by_region, by_sector = model.totals(chosen)
    left = model.budget - total
    tol = model.tol
    forced, _ = _forced(model)
    per_million = 1e6
    required_by: list[int | None] = [None] * model.n
    for i, j in model.requires_pairs:
        if chosen[i] and required_by[j] is None:
            required_by[j] = i
    # The cutoff is set by projects chosen on their own merit, not as someone's requirement.
    on_merit = chosen & ~forced & (model.cost > 0)
    on_merit[[k for k in range(model.n) if required_by[k] is not None]] = False
    cutoff = float(model.ratio[on_merit].min()) if on_merit.any() else math.inf
    out: dict[str, Reason] = {}
    for i in range(model.n):
        cid = model.ids[i]
        ratio_text = _ratio(model.ratio[i] * per_million)
        if chosen[i]:
            if model.mandatory[i]:
                out[cid] = Reason("mandatory", {}, "Chosen: mandatory.")
            elif required_by[i] is not None:
                by = model.ids[required_by[i]]
                out[cid] = Reason(
                    "required", {"by": by}, f"Chosen: required by chosen project {by}."
                )
            else:
                out[cid] = Reason(
                    "high_score_per_dinar",
                    {"score_per_million": float(model.ratio[i] * per_million)},
                    f"Chosen: score per million LYD {ratio_text}.",
                )
            continue
        blockers = sorted(j for j in model.excludes[i] if chosen[j])
        if blockers:
            other = model.ids[blockers[0]]
            out[cid] = Reason(
                "excluded_by", {"project": other}, f"Left out: excluded by chosen project {other}."
            )
            continue
        missing = [j for j in model.requires[i] if not chosen[j]]
        if missing:
            other = model.ids[missing[0]]
            out[cid] = Reason(
                "requires_unchosen",
                {"project": other},
                f"Left out: requires {other}, which was not chosen.",
            )
            continue
        r, s = model.region[i], model.sector[i]
        if (
            model.region_max_share[r] < 1
            and by_region[r] + model.cost[i] > model.region_max[r] + tol
        ):
            code = model.region_codes[r]
            share = float(model.region_max_share[r])
            out[cid] = Reason(
                "region_maximum_reached",
                {"region": code, "share": share},
                f"Left out: it would take region {code} over its maximum share of {_percent(share)} "
                f"of the budget ({_money(model.region_max[r])}).",
            )
            continue
        if (
            model.sector_max_share[s] < 1
            and by_sector[s] + model.cost[i] > model.sector_max[s] + tol
        ):
            code = model.sector_codes[s]
            share = float(model.sector_max_share[s])
            out[cid] = Reason(
                "sector_maximum_reached",
                {"sector": code, "share": share},
                f"Left out: it would take sector {code} over its maximum share of {_percent(share)} "
                f"of the budget ({_money(model.sector_max[s])}).",
            )
            continue
        if model.cost[i] > left + tol:
            params = {
                "cost": float(model.cost[i]),
                "remaining": float(left),
                "score_per_million": float(model.ratio[i] * per_million),
                "cutoff_per_million": float(cutoff * per_million),
            }
            cut_text = _ratio(cutoff * per_million) if math.isfinite(cutoff) else "none"
            if model.ratio[i] < cutoff:
                text = (
                    f"Left out: budget exhausted; its score per million LYD ({ratio_text}) "
                    f"is below the cutoff of the chosen projects ({cut_text})."
                )
            else:
                text = (
                    f"Left out: budget exhausted; it costs {_money(model.cost[i])} but only "
                    f"{_money(left)} is left, and the chosen combination scores higher "
                    f"(its score per million LYD {ratio_text}, cutoff {cut_text})."
                )
            out[cid] = Reason("budget_exhausted", params, text)
            continue
        out[cid] = Reason(
            "no_gain",
            {"score": float(model.score[i])},
            "Left out: it fits the rules, but choosing it does not raise the total score "
            "within the optimality tolerance.",
        )
    return out


# --------------------------------------------------------------------------------------------
# Solvers


def _result(
    model: _Model,
    chosen: np.ndarray | None,
    *,
    status: str,
    upper_bound: float,
    method: str,
    stats: dict[str, float],
    conflicts: list[Reason] | None = None,
    explain: bool = True,
) -> Allocation:
    if chosen is None:
        return Allocation(
            status,
            (),
            0.0,
            0.0,
            upper_bound,
            1.0 if upper_bound > 0 else 0.0,
            conflicts or [],
            {},
            method,
            stats,
        )
    total_cost, total_score, _, _ = model.totals(chosen)
    bound = max(upper_bound, total_score)  # a bound below the achieved score is just rounding
    gap = (bound - total_score) / bound if bound > 0 else 0.0
    selected = tuple(model.ids[i] for i in np.flatnonzero(chosen))
    explanations = _explain(model, chosen) if explain else {}
    return Allocation(
        status,
        selected,
        total_cost,
        total_score,
        bound,
        gap,
        conflicts or [],
        explanations,
        method,
        stats,
    )


def _from_vector(x: np.ndarray) -> np.ndarray:
    return np.asarray(x) > _INTEGRAL


def greedy_allocation(problem: Problem, *, explain: bool = True) -> Allocation:
    """Baseline: mandatory projects, then regional floors, then best score per dinar.

    Respects every rule a greedy pass can (caps, requires, excludes); reports no bound.
    """
    start = time.perf_counter()
    model = _Model(problem)
    forced, _ = _forced(model)
    greedy = _Greedy(model, np.zeros(model.n, dtype=bool))
    ok = all(greedy.try_add(int(i)) or greedy.chosen[i] for i in np.flatnonzero(forced))
    chosen = greedy.complete() if ok else None
    stats = {"seconds": time.perf_counter() - start}
    conflicts = (
        []
        if chosen is not None
        else [Reason("greedy_failed", {}, "The greedy pass could not satisfy every rule.")]
    )
    return _result(
        model,
        chosen,
        status="feasible" if chosen is not None else NO_SOLUTION_FOUND,
        upper_bound=math.nan,
        method="greedy",
        stats=stats,
        conflicts=conflicts,
        explain=explain,
    )


def _milp(
    model: _Model, var_lower: np.ndarray, var_upper: np.ndarray, *, time_limit: float, gap: float
) -> Any:
    matrix, lower, upper, _ = model.constraints(None)
    return milp(
        -model.score,
        integrality=np.ones(model.n),
        bounds=Bounds(var_lower, var_upper),
        constraints=[LinearConstraint(matrix, lower, upper)] if matrix is not None else [],
        options={"time_limit": max(time_limit, 0.01), "mip_rel_gap": gap, "disp": False},
    )


def _kernel(model: _Model, relaxed: Any, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Bounds that leave free only the ``size`` projects nearest the LP's margin.

    The others keep their LP value (0 or 1): their reduced cost says moving them costs more
    than moving these. The small MILP that is left finds, in about a second, answers the
    whole model takes HiGHS many seconds to reach; any answer it finds keeps every rule.
    """
    x = np.asarray(relaxed.x)
    _, _, _, var_lower = model.constraints(None)
    reduced = np.abs(np.asarray(relaxed.lower.marginals)) + np.abs(
        np.asarray(relaxed.upper.marginals)
    )
    free = (x > 1e-6) & (x < 1 - 1e-6)
    free[np.argsort(reduced, kind="stable")[:size]] = True
    fixed = np.round(x)
    return np.where(free, var_lower, np.maximum(fixed, var_lower)), np.where(free, 1.0, fixed)


def allocate(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    mip_rel_gap: float = 1e-4,
    explain: bool = True,
    on_first_answer: Callable[[Allocation], None] | None = None,
) -> Allocation:
    """Best selection under all rules.

    1. Simple conflicts are checked directly (no solver needed).
    2. The LP relaxation gives the upper bound; rounding it down and repairing greedily (or
       the plain greedy, if better) gives a fast first answer (passed to ``on_first_answer``).
    3. Unless that answer is already within ``mip_rel_gap`` of the bound, a small MILP over
       the projects nearest the LP's margin (the rest fixed at their LP value) improves it,
       within a share of ``time_limit``.
    4. If still not within ``mip_rel_gap``, the whole model goes to HiGHS for the time left,
       with reduced-cost fixing against the best answer so far (which never cuts off a better
       answer): on the hard instances this is plain HiGHS, started a little later.
    ``time_limit=0`` stops after step 2. The best answer found is returned with its gap.
    Status "optimal" means proven optimal within ``mip_rel_gap``; "no_solution_found" that
    no answer was found in time, without a proof that none exists.
    """
    started = time.perf_counter()
    model = _Model(problem)
    stats: dict[str, float] = {}

    def elapsed() -> float:
        return time.perf_counter() - started

    conflicts = _simple_conflicts(model)
    if conflicts:
        stats["seconds"] = elapsed()
        return _result(
            model,
            None,
            status="infeasible",
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=conflicts,
        )

    if model.n == 0:
        stats["seconds"] = elapsed()
        return _result(
            model,
            np.zeros(0, dtype=bool),
            status="optimal",
            upper_bound=0.0,
            method="",
            stats=stats,
            explain=explain,
        )
    relaxed = _relaxed_solve(model, None)
    stats["lp_seconds"] = elapsed()
    if relaxed.status == 2:
        reason = _conflicting_rules(model, time_limit=max(time_limit, 5.0))
        stats["seconds"] = elapsed()
        return _result(
            model,
            None,
            status="infeasible",
            upper_bound=0.0,
            method="",
            stats=stats,
            conflicts=[reason],
        )
    if relaxed.status != 0:
        raise RuntimeError(f"LP relaxation failed: {relaxed.message}")
    upper_bound = float(-relaxed.fun)
    stats["lp_bound"] = upper_bound

    best = _round_and_repair(model, np.asarray(relaxed.x))
    stats["rounding_seconds"] = elapsed()
    method = "lp_rounding" if best is not None else ""

    def score_of(chosen: np.ndarray | None) -> float:
        return -math.inf if chosen is None else float(model.score[chosen].sum())

    def gap_of(chosen: np.ndarray | None) -> float:
        if chosen is None:
            return math.inf
        return (upper_bound - score_of(chosen)) / upper_bound if upper_bound > 0 else 0.0

    if best is not None:
        stats["rounding_score"] = score_of(best)
        stats["rounding_gap"] = gap_of(best)
        if on_first_answer is not None:
            on_first_answer(
                _result(
                    model,
                    best,
                    status="feasible",
                    upper_bound=upper_bound,
                    method=method,
                    stats=dict(stats),
                    explain=False,
                )
            )

    def accept(result: Any, how: str) -> None:
        nonlocal best, method
        if result.x is None:
            return
        candidate = _from_vector(result.x)
        # HiGHS keeps rules to its own tolerance; an answer off by more than ours is dropped.
        if not _violations(model, candidate) and score_of(candidate) > score_of(best):
            best, method = candidate, how

    status = "feasible"
    _, _, _, var_lower = model.constraints(None)
    kernel_size = max(500, model.n // 20)
    if time_limit > 0 and gap_of(best) > mip_rel_gap and kernel_size < model.n:
        lower, upper = _kernel(model, relaxed, kernel_size)
        kernel_start = time.perf_counter()
        budget = min(0.3 * time_limit, time_limit - elapsed())
        accept(_milp(model, lower, upper, time_limit=budget, gap=mip_rel_gap / 4), "milp_kernel")
        stats["kernel_seconds"] = time.perf_counter() - kernel_start
        stats["kernel_gap"] = gap_of(best)

    remaining = time_limit - elapsed()
    if time_limit > 0 and remaining > 0 and gap_of(best) > mip_rel_gap:
        var_upper = np.ones(model.n)
        lower = var_lower.copy()
        incumbent = score_of(best) if best is not None else None
        if incumbent is not None:
            # Reduced-cost fixing: moving x_j off its LP value lowers the bound by at least
            # |d_j|, so when |d_j| exceeds the gap no better answer moves it.
            margin = (upper_bound - incumbent) + 1e-7 * max(1.0, upper_bound)
            x = np.asarray(relaxed.x)
            at_zero = (x < 1e-9) & (np.asarray(relaxed.lower.marginals) > margin)
            at_one = (x > 1 - 1e-9) & (-np.asarray(relaxed.upper.marginals) > margin)
            var_upper[at_zero] = 0.0
            lower = np.where(at_one, 1.0, lower)
            stats["fixed_by_reduced_cost"] = float(at_zero.sum() + at_one.sum())
        milp_start = time.perf_counter()
        result = _milp(model, lower, var_upper, time_limit=remaining, gap=mip_rel_gap)
        stats["milp_seconds"] = time.perf_counter() - milp_start
        if result.status == 2 and incumbent is None:
            # Nothing was fixed: HiGHS proved the whole model infeasible.
            reason = _conflicting_rules(model, time_limit=max(time_limit, 5.0))
            stats["seconds"] = elapsed()
            return _result(
                model,
                None,
                status="infeasible",
                upper_bound=upper_bound,
                method="",
                stats=stats,
                conflicts=[reason],
            )
        if result.status == 2:
            # Nothing better than the incumbent exists among the projects left free.
            upper_bound, status = float(incumbent), "optimal"
        dual = getattr(result, "mip_dual_bound", None)
        if result.status != 2 and dual is not None and math.isfinite(dual):
            # With fixing, the MILP bound covers only answers better than the incumbent.
            reduced_bound = float(-dual)
            if incumbent is not None:
                reduced_bound = max(reduced_bound, float(incumbent))
            upper_bound = min(upper_bound, reduced_bound)
        accept(result, "milp")
    if best is None:
        # Not proven impossible: say so, never "infeasible".
        stats["seconds"] = elapsed()
        return _result(
            model,
            None,
            status=NO_SOLUTION_FOUND,
            upper_bound=upper_bound,
            method="",
            stats=stats,
            conflicts=[
                Reason(
                    "not_found",
                    {"time_limit": time_limit},
                    f"No selection satisfying every rule was found within the time "
                    f"limit of {time_limit:g} s; one may still exist.",
                )
            ],
        )
    achieved = score_of(best)
    if upper_bound <= achieved or (upper_bound - achieved) / upper_bound <= mip_rel_gap:
        status = "optimal"
    stats["seconds"] = elapsed()
    return _result(
        model,
        best,
        status=status,
        upper_bound=upper_bound,
        method=method,
        stats=stats,
        explain=explain,
    )
