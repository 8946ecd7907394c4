"""The plan in model form: one binary per (project, start year) that finishes inside the plan."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from imar.needs.allocation.model import ROW_SCALE
from imar.needs.allocation.multiyear.problem import MultiYearProblem, YearCandidate

REL_TOL = 1e-9


class YearModel:
    def __init__(self, problem: MultiYearProblem) -> None:
        self.problem = problem
        self.years = problem.years
        self.T = len(problem.years)
        self.budget = np.array(problem.budgets, dtype=float)
        self.total_budget = float(self.budget.sum())
        self.tol = REL_TOL * self.total_budget
        self.candidates = sorted(problem.candidates, key=lambda c: c.id)
        self.ids = [c.id for c in self.candidates]
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.n = len(self.candidates)
        # Options: (project, start offset); spend[k] is that option's money per plan year.
        self.options: list[tuple[int, int]] = []
        for i, c in enumerate(self.candidates):
            for s in self.starts_of(c):
                self.options.append((i, s))
        self.by_project: list[list[int]] = [[] for _ in range(self.n)]
        for k, (i, _) in enumerate(self.options):
            self.by_project[i].append(k)
        self.spend = np.zeros((len(self.options), self.T))
        for k, (i, s) in enumerate(self.options):
            costs = self.candidates[i].costs
            self.spend[k, s : s + len(costs)] = costs
        self.option_score = np.array([self.candidates[i].score for i, _ in self.options])
        self.requires = [tuple(sorted(self.index[r] for r in c.requires)) for c in self.candidates]
        excludes: list[set[int]] = [set() for _ in range(self.n)]
        for i, c in enumerate(self.candidates):
            for other in c.excludes:
                j = self.index[other]
                excludes[i].add(j)
                excludes[j].add(i)
        self.excludes = excludes
        # Share rules: (kind, code, members (project indices), low, high) in money.
        self.groups: list[tuple[str, str, list[int], float, float]] = []
        total = self.total_budget
        for kind, attr, limits in (
            ("region", "region", problem.regions),
            ("district", "district", problem.districts),
        ):
            for code in sorted(limits):
                limit = limits[code]
                if limit.min_share <= 0 and limit.max_share >= 1:
                    continue
                members = [i for i, c in enumerate(self.candidates) if getattr(c, attr) == code]
                low = limit.min_share * total if limit.min_share > 0 else -np.inf
                high = limit.max_share * total if limit.max_share < 1 else np.inf
                self.groups.append((kind, code, members, low, high))
        for code in sorted(problem.sector_max_shares):
            share = problem.sector_max_shares[code]
            if share < 1:
                members = [i for i, c in enumerate(self.candidates) if c.sector == code]
                self.groups.append(("sector", code, members, -np.inf, share * total))
        self.groups_of: list[list[int]] = [[] for _ in range(self.n)]
        for g, (_kind, _code, members, _low, _high) in enumerate(self.groups):
            for i in members:
                self.groups_of[i].append(g)

    def window(self, c: YearCandidate) -> tuple[int, int]:
        """Start offsets asked for (earliest, latest), before the finish-inside-the-plan rule."""
        first = 0 if c.earliest_start is None else self.years.index(c.earliest_start)
        last = self.T - 1 if c.latest_start is None else self.years.index(c.latest_start)
        return first, last

    def starts_of(self, c: YearCandidate) -> range:
        """Start offsets from which the whole profile is funded inside the plan's years."""
        first, last = self.window(c)
        return range(first, min(last, self.T - len(c.costs)) + 1)

    def capacity(self) -> np.ndarray:
        """Right-hand sides of the year rows: cumulative budget with carry-over, else each."""
        return np.cumsum(self.budget) if self.problem.carry_over else self.budget.copy()

    def usage(self, spending: np.ndarray) -> np.ndarray:
        return np.cumsum(spending) if self.problem.carry_over else spending

    def fits(self, spending: np.ndarray) -> bool:
        return bool(np.all(self.usage(spending) <= self.capacity() + self.tol))

    def spending_of(self, chosen: dict[int, int]) -> np.ndarray:
        total = np.zeros(self.T)
        for i, s in chosen.items():
            costs = self.candidates[i].costs
            total[s : s + len(costs)] += costs
        return total

    def violations(self, chosen: dict[int, int]) -> list[str]:
        out = []
        usage, capacity = self.usage(self.spending_of(chosen)), self.capacity()
        for t in range(self.T):
            if usage[t] > capacity[t] + self.tol:
                out.append(f"year {self.years[t]} over its budget")
        for i, s in chosen.items():
            if s not in self.starts_of(self.candidates[i]):
                out.append(f"{self.ids[i]} starts outside its window or is not finished")
        for kind, code, members, low, high in self.groups:
            money = sum(self.candidates[i].total_cost for i in members if i in chosen)
            if money < low - self.tol:
                out.append(f"{kind} {code} below its floor")
            if money > high + self.tol:
                out.append(f"{kind} {code} above its ceiling")
        for i, c in enumerate(self.candidates):
            if c.mandatory and i not in chosen:
                out.append(f"mandatory project {c.id} not chosen")
            if i in chosen:
                for j in self.requires[i]:
                    if j not in chosen:
                        out.append(f"{c.id} chosen without {self.ids[j]}")
                for j in self.excludes[i]:
                    if j in chosen and i < j:
                        out.append(f"{c.id} and {self.ids[j]} both chosen")
        return out

    def milp_rows(self) -> tuple[sparse.csr_array, np.ndarray, np.ndarray]:
        rows, cols, vals, lower, upper = [], [], [], [], []
        scale = ROW_SCALE / self.total_budget

        def add(members, coefficients, lo, hi) -> None:
            rows.extend([len(lower)] * len(members))
            cols.extend(members)
            vals.extend(coefficients)
            lower.append(lo)
            upper.append(hi)

        usage = np.cumsum(self.spend, axis=1) if self.problem.carry_over else self.spend
        capacity = self.capacity()
        for t in range(self.T):
            members = np.flatnonzero(usage[:, t] > 0)
            add(list(members), list(usage[members, t] * scale), -np.inf, capacity[t] * scale)
        for i, c in enumerate(self.candidates):
            options = self.by_project[i]
            if c.mandatory:
                add(options, [1.0] * len(options), 1.0, 1.0)
            elif len(options) > 1:
                add(options, [1.0] * len(options), -np.inf, 1.0)
            for j in self.requires[i]:
                others = self.by_project[j]
                add(options + others, [1.0] * len(options) + [-1.0] * len(others), -np.inf, 0.0)
            for j in self.excludes[i]:
                if i < j:
                    both = options + self.by_project[j]
                    add(both, [1.0] * len(both), -np.inf, 1.0)
        for _kind, _code, members, low, high in self.groups:
            options = [k for i in members for k in self.by_project[i]]
            costs = [self.candidates[self.options[k][0]].total_cost * scale for k in options]
            add(options, costs, low * scale, high * scale)
        matrix = sparse.csr_array(
            (vals, (rows, cols)), shape=(len(lower), max(len(self.options), 1))
        )
        return matrix, np.array(lower), np.array(upper)
