"""The upper bound: the LP relaxation, and what its reduced costs let us fix."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from imar.needs.allocation.model import Model


def relaxed_solve(model: Model, active: set[tuple[Any, ...]] | None) -> Any:
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
    return linprog(-model.score, bounds=bounds, method="highs-ipm", **kwargs)


def fix_by_reduced_cost(
    relaxed: Any, upper_bound: float, incumbent: float
) -> tuple[np.ndarray, np.ndarray]:
    """Projects no answer better than incumbent can move off their LP value: at 0, at 1.

    Moving x_j off its LP value lowers the bound by at least its reduced cost |d_j|, so when
    |d_j| exceeds the gap (bound - incumbent) no better answer moves it.
    """
    margin = (upper_bound - incumbent) + 1e-7 * max(1.0, upper_bound)
    x = np.asarray(relaxed.x)
    at_zero = (x < 1e-9) & (np.asarray(relaxed.lower.marginals) > margin)
    at_one = (x > 1 - 1e-9) & (-np.asarray(relaxed.upper.marginals) > margin)
    return at_zero, at_one
