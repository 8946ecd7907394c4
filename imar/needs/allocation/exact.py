"""The exact solver: HiGHS (through SciPy) on the whole model or on a kernel of it."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from imar.needs.allocation.model import Model


def solve_milp(
    model: Model, var_lower: np.ndarray, var_upper: np.ndarray, *, time_limit: float, gap: float
) -> Any:
    """Maximize the score under every rule, with these variable bounds."""
    matrix, lower, upper, _ = model.constraints(None)
    return milp(
        -model.score,
        integrality=np.ones(model.n),
        bounds=Bounds(var_lower, var_upper),
        constraints=[LinearConstraint(matrix, lower, upper)] if matrix is not None else [],
        options={"time_limit": max(time_limit, 0.01), "mip_rel_gap": gap, "disp": False},
    )


def kernel_bounds(model: Model, relaxed: Any, size: int) -> tuple[np.ndarray, np.ndarray]:
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
