"""The problem in array form (candidates sorted by id), its MILP rows, and rule checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse

from imar.needs.allocation.problem import Problem, ProblemError, RegionLimit

# Costs are compared with this slack (relative to the budget) to absorb float rounding.
REL_TOL = 1e-9
ROW_SCALE = 1e4
# HiGHS may return 0.9999997 for a chosen binary.
_INTEGRAL = 0.5


class Model:
    """Candidates sorted by id, as arrays, plus the rules; shared by all solvers."""

    def __init__(self, problem: Problem) -> None:
        ordered = sorted(problem.candidates, key=lambda c: c.id)
        self.problem = problem
        self.budget = float(problem.budget)
        self.tol = REL_TOL * self.budget
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
        self._districts(problem, ordered)
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

    def _districts(self, problem: Problem, ordered: list) -> None:
        """The finer level: district arrays, with the region each district lies in."""
        self.district_codes = sorted(
            {c.district for c in ordered if c.district} | set(problem.districts)
        )
        count = len(self.district_codes)
        position = {d: k for k, d in enumerate(self.district_codes)}
        # Candidates without a district go to an extra bucket, cut off by by_district().
        self.district = np.array(
            [position[c.district] if c.district else count for c in ordered], dtype=np.int64
        )
        limits = [problem.districts.get(d, RegionLimit()) for d in self.district_codes]
        self.district_min_share = np.array([lim.min_share for lim in limits])
        self.district_max_share = np.array([lim.max_share for lim in limits])
        self.district_min = self.district_min_share * self.budget
        self.district_max = self.district_max_share * self.budget
        self.district_region = np.full(count, -1, dtype=np.int64)
        for i in range(self.n):
            d = self.district[i]
            if d == count:
                continue
            if self.district_region[d] not in (-1, self.region[i]):
                raise ProblemError(
                    "districts", f"district {self.district_codes[d]!r} lies in two regions"
                )
            self.district_region[d] = self.region[i]
        self.has_district_floors = bool((self.district_min > 0).any())

    def by_district(self, chosen: np.ndarray) -> np.ndarray:
        picked = self.cost * chosen
        return np.bincount(self.district, picked, minlength=len(self.district_codes) + 1)[:-1]

    def shortfall(self, by_region: np.ndarray, by_district: np.ndarray) -> float:
        """Money still needed by unmet floors; a district's spending counts for its region."""
        short = np.maximum(self.region_min - by_region, 0.0)
        if not self.has_district_floors:
            return float(short.sum())
        district_short = np.maximum(self.district_min - by_district, 0.0)
        inside = self.district_region >= 0
        per_region = np.bincount(
            self.district_region[inside], district_short[inside], minlength=len(short)
        )
        return float(np.maximum(short, per_region).sum() + district_short[~inside].sum())

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
            ("district_min", d) for d in range(len(self.district_codes)) if self.district_min[d] > 0
        ]
        groups += [
            ("district_max", d)
            for d in range(len(self.district_codes))
            if self.district_max[d] < self.budget
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
        # Money rows in units of 1/ROW_SCALE of the budget: HiGHS keeps rows to an absolute
        # 1e-6, which is then 1e-10 of the budget (in budget units a floor could be missed by
        # a millionth of the budget, and the answer refused by our own check).
        scaled = self.cost / self.budget * ROW_SCALE
        everyone = np.arange(self.n)

        def add_row(members: np.ndarray, coefficients: np.ndarray, lo: float, hi: float) -> None:
            rows.append(np.full(len(members), len(lower)))
            cols.append(members)
            vals.append(coefficients)
            lower.append(lo)
            upper.append(hi)

        if on(("budget",)):
            add_row(everyone, scaled, -np.inf, ROW_SCALE)
        for r in range(len(self.region_codes)):
            lo = self.region_min_share[r] if on(("region_min", r)) else 0.0
            hi = self.region_max_share[r] if on(("region_max", r)) else 1.0
            if lo > 0 or hi < 1:
                members = np.flatnonzero(self.region == r)
                low = lo * ROW_SCALE if lo > 0 else -np.inf
                add_row(members, scaled[members], low, hi * ROW_SCALE)
        for d in range(len(self.district_codes)):
            lo = self.district_min_share[d] if on(("district_min", d)) else 0.0
            hi = self.district_max_share[d] if on(("district_max", d)) else 1.0
            if lo > 0 or hi < 1:
                members = np.flatnonzero(self.district == d)
                low = lo * ROW_SCALE if lo > 0 else -np.inf
                add_row(members, scaled[members], low, hi * ROW_SCALE)
        for s in range(len(self.sector_codes)):
            if self.sector_max_share[s] < 1 and on(("sector_max", s)):
                members = np.flatnonzero(self.sector == s)
                add_row(members, scaled[members], -np.inf, self.sector_max_share[s] * ROW_SCALE)
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
        """A rule as data (``rule`` and its figures), for the conflict reasons."""
        kind = group[0]
        if kind == "budget":
            return {"rule": "budget", "amount": self.budget}
        if kind in ("region_min", "region_max"):
            shares = self.region_min_share if kind == "region_min" else self.region_max_share
            share = float(shares[group[1]])
            code = self.region_codes[group[1]]
            return {"rule": kind, "region": code, "share": share, "amount": share * self.budget}
        if kind in ("district_min", "district_max"):
            shares = self.district_min_share if kind == "district_min" else self.district_max_share
            share = float(shares[group[1]])
            code = self.district_codes[group[1]]
            return {"rule": kind, "district": code, "share": share, "amount": share * self.budget}
        if kind == "sector_max":
            share = float(self.sector_max_share[group[1]])
            code = self.sector_codes[group[1]]
            return {"rule": kind, "sector": code, "share": share, "amount": share * self.budget}
        if kind == "mandatory":
            return {"rule": kind, "project": self.ids[group[1]]}
        return {"rule": kind, "project": self.ids[group[1]], "other": self.ids[group[2]]}

    def totals(self, chosen: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
        picked = self.cost * chosen
        by_region = np.bincount(self.region, picked, minlength=len(self.region_codes))
        by_sector = np.bincount(self.sector, picked, minlength=len(self.sector_codes))
        return float(picked.sum()), float(self.score[chosen].sum()), by_region, by_sector


# --------------------------------------------------------------------------------------------
# Checking a selection (also used by tests through check_selection)


def violations(model: Model, chosen: np.ndarray) -> list[str]:
    tol = model.tol
    problems: list[str] = []
    total, _, by_region, by_sector = model.totals(chosen)
    if total > model.budget + tol:
        problems.append(f"total cost {total:,.0f} exceeds the budget")
    for r, code in enumerate(model.region_codes):
        if by_region[r] < model.region_min[r] - tol:
            problems.append(f"region {code} below its minimum share")
        if by_region[r] > model.region_max[r] + tol:
            problems.append(f"region {code} above its maximum share")
    by_district = model.by_district(chosen)
    for d, code in enumerate(model.district_codes):
        if by_district[d] < model.district_min[d] - tol:
            problems.append(f"district {code} below its minimum share")
        if by_district[d] > model.district_max[d] + tol:
            problems.append(f"district {code} above its maximum share")
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
    model = Model(problem)
    chosen = np.zeros(model.n, dtype=bool)
    for cid in selected:
        chosen[model.index[cid]] = True
    return violations(model, chosen)


def from_vector(x: np.ndarray) -> np.ndarray:
    return np.asarray(x) > _INTEGRAL


def forced_projects(model: Model) -> tuple[np.ndarray, dict[int, int]]:
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
