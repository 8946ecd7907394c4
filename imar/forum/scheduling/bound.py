"""Upper bound on the scheduled weight: a max-weight fractional b-matching LP (HiGHS)."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from imar.forum.scheduling.model import Compiled
from imar.forum.scheduling.organizations import expand
from imar.forum.scheduling.problem import Instance, validate_instance


def lp_bound(c: Compiled) -> tuple[float, np.ndarray]:
    """Max-weight fractional b-matching bound and its solution x (per request).

    Rows: each participant's capacity, all tables of all slots, and all interpreters of each
    language over all slots (a relaxation of the per-slot limits, so still a bound).
    """
    x = np.zeros(c.R)
    live = [r for r in range(c.R) if c.common[r] and c.w[r] > 0]
    forced = [r for r in range(c.R) if c.locked[r] >= 0]
    if not live:
        return 0.0, x
    n = len(live)
    L = len(c.languages)
    rows, cols = [], []
    for j, r in enumerate(live):
        rows += [c.a[r], c.b[r], c.P]
        cols += [j, j, j]
        if c.lang[r] >= 0:
            rows.append(c.P + 1 + c.lang[r])
            cols.append(j)
    for j, r in enumerate(live):  # at most one of each group of alternatives
        if c.group[r] >= 0:
            rows.append(c.P + 1 + L + c.group[r])
            cols.append(j)
    A = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(c.P + 1 + L + c.G, n))
    # Locked zero-weight meetings still use capacity.
    used = np.zeros(c.P + 1 + L + c.G)
    for r in forced:
        if c.w[r] <= 0:
            used[[c.a[r], c.b[r], c.P]] += 1
            if c.lang[r] >= 0:
                used[c.P + 1 + c.lang[r]] += 1
    capacity = c.cap + [sum(c.Ts)] + [sum(row) for row in c.icap] + [1] * c.G
    b_ub = np.array(capacity, dtype=float) - used
    lo = np.array([1.0 if c.locked[r] >= 0 else 0.0 for r in live])
    res = linprog(
        -np.array([c.w[r] for r in live]),
        A_ub=A,
        b_ub=b_ub,
        bounds=np.column_stack([lo, np.ones(n)]),
        method="highs",
    )
    if res.status != 0:  # cannot happen on validated input; fall back to a trivial bound
        return float(sum(c.w[r] for r in live)), x
    x[live] = res.x
    return float(-res.fun), x


def upper_bound(instance: Instance) -> float:
    """Upper bound on the total weight any feasible schedule can reach."""
    validate_instance(instance)
    exp = expand(instance)
    return lp_bound(Compiled(exp.instance if exp is not None else instance))[0]
