"""Exact lexicographic MILP (HiGHS through SciPy) for small instances."""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.forum.scheduling.model import Compiled


def solve_exact(
    c: Compiled, prev: list[int], time_limit: float, with_idle: bool
) -> tuple[list[int], float, bool] | None:
    """Lexicographic MILP: weight, then moves away from ``prev``, then idle gaps.

    The idle-gap stage is hard for the solver beyond tiny instances, so with ``with_idle``
    False it is left to the heuristic's compaction (the weight stays optimal).

    Returns (slot per request, dual bound on weight, proven optimal) or None on failure.
    """
    var_r: list[int] = []
    var_s: list[int] = []
    for r in range(c.R):
        for s in c.common[r]:
            var_r.append(r)
            var_s.append(s)
    n = len(var_r)
    if n == 0:
        return [-1] * c.R, 0.0, True
    rows: list[int] = []
    cols: list[int] = []
    ub: list[float] = []
    row = 0
    # Each request at most once, and at most one request of each group of alternatives.
    unit_row: dict[int, int] = {}
    for r in range(c.R):
        key = c.R + c.group[r] if c.group[r] >= 0 else r
        if key not in unit_row:
            unit_row[key] = row
            ub.append(1)
            row += 1
    for j in range(n):
        r = var_r[j]
        rows.append(unit_row[c.R + c.group[r] if c.group[r] >= 0 else r])
        cols.append(j)
    ps_row: dict[tuple[int, int], int] = {}
    for j in range(n):  # nobody in two meetings in one slot
        for p in (c.a[var_r[j]], c.b[var_r[j]]):
            key = (p, var_s[j])
            if key not in ps_row:
                ps_row[key] = row
                ub.append(1)
                row += 1
            rows.append(ps_row[key])
            cols.append(j)
    for p in range(c.P):  # capacity
        for j in range(n):
            if p in (c.a[var_r[j]], c.b[var_r[j]]):
                rows.append(row)
                cols.append(j)
        ub.append(c.cap[p])
        row += 1
    for s in range(c.S):  # tables
        for j in range(n):
            if var_s[j] == s:
                rows.append(row)
                cols.append(j)
        ub.append(c.Ts[s])
        row += 1
    for lg in range(len(c.languages)):  # interpreters per language and slot
        for s in range(c.S):
            for j in range(n):
                if var_s[j] == s and c.lang[var_r[j]] == lg:
                    rows.append(row)
                    cols.append(j)
            ub.append(c.icap[lg][s])
            row += 1
    A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, n))
    lo = np.array([1.0 if c.locked[var_r[j]] >= 0 else 0.0 for j in range(n)])
    w = np.array([c.w[var_r[j]] for j in range(n)])
    opts = {"time_limit": max(time_limit, 0.1), "disp": False}
    res1 = milp(
        -w,
        integrality=np.ones(n),
        bounds=Bounds(lo, np.ones(n)),
        constraints=[LinearConstraint(A, -np.inf, np.array(ub, dtype=float))],
        options=opts,
    )
    if res1.x is None:
        return None
    best = float(-res1.fun)
    optimal = res1.status == 0
    raw_dual = getattr(res1, "mip_dual_bound", None)
    dual = -float(raw_dual) if raw_dual is not None and math.isfinite(raw_dual) else math.inf
    if optimal:
        dual = min(dual, best + 1e-6 * max(1.0, best))
    if not with_idle and not any(x >= 0 for x in prev):
        return _slots_from(c, var_r, var_s, res1.x), dual, optimal
    # Stage 2: keep that weight; minimise moves (dominant) then idle gaps.
    # Per participant and slot: f (a meeting at or before), l (at or after), i (inside span).
    people = [p for p in range(c.P) if len(c.of[p]) >= 2] if with_idle else []
    m = len(people) * c.S
    N = n + 3 * m
    cost = np.zeros(N)
    big = float(c.P * c.S + 1)
    for j in range(n):
        if prev[var_r[j]] >= 0 and prev[var_r[j]] == var_s[j]:
            cost[j] -= big
    r2: list[int] = []
    c2: list[int] = []
    v2: list[float] = []
    lo2: list[float] = []
    hi2: list[float] = []
    row2 = 0

    def add(entries: list[tuple[int, float]], low: float, high: float) -> None:
        nonlocal row2
        for col, val in entries:
            r2.append(row2)
            c2.append(col)
            v2.append(val)
        lo2.append(low)
        hi2.append(high)
        row2 += 1

    busy_cols: dict[tuple[int, int], list[int]] = {}
    for j in range(n):
        for p in (c.a[var_r[j]], c.b[var_r[j]]):
            busy_cols.setdefault((p, var_s[j]), []).append(j)
    for k, p in enumerate(people):
        base = n + 3 * k * c.S
        for s in range(c.S):
            f, lcol, icol = base + s, base + c.S + s, base + 2 * c.S + s
            cost[icol] += 1.0
            for j in busy_cols.get((p, s), []):
                cost[j] -= 1.0  # idle = span - meetings
            busy = [(j, -1.0) for j in busy_cols.get((p, s), [])]
            add([(f, 1.0), *busy], 0, np.inf)
            add([(lcol, 1.0), *busy], 0, np.inf)
            if s > 0:
                add([(f, 1.0), (f - 1, -1.0)], 0, np.inf)
                add([(lcol - 1, 1.0), (lcol, -1.0)], 0, np.inf)
            add([(icol, 1.0), (f, -1.0), (lcol, -1.0)], -1, np.inf)
    A2 = sparse.csr_matrix((v2, (r2, c2)), shape=(row2, N)) if row2 else None
    full = sparse.hstack([A, sparse.csr_matrix((row, N - n))]).tocsr()
    wrow = sparse.csr_matrix(np.concatenate([w, np.zeros(N - n)])[None, :])
    cons = [
        LinearConstraint(full, -np.inf, np.array(ub, dtype=float)),
        LinearConstraint(wrow, best - 1e-7 * max(1.0, best), np.inf),
    ]
    if A2 is not None:
        cons.append(LinearConstraint(A2, np.array(lo2), np.array(hi2)))
    integrality = np.concatenate([np.ones(n), np.zeros(N - n)])
    res2 = milp(
        cost,
        integrality=integrality,
        bounds=Bounds(np.concatenate([lo, np.zeros(N - n)]), np.ones(N)),
        constraints=cons,
        options=opts,
    )
    xs = res2.x if res2.x is not None else res1.x
    return _slots_from(c, var_r, var_s, xs), dual, optimal


def _slots_from(c: Compiled, var_r: list[int], var_s: list[int], xs: np.ndarray) -> list[int]:
    slot_of = [-1] * c.R
    for j in range(len(var_r)):
        if xs[j] > 0.5:
            slot_of[var_r[j]] = var_s[j]
    return slot_of
