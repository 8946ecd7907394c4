"""What the allocator answers: the selection, its bound and gap, and its reasons as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OPTIMAL = "optimal"  # proven optimal within the tolerance
FEASIBLE = "feasible"  # keeps every rule; the gap says how far from the optimum at most
INFEASIBLE = "infeasible"  # proven: no selection keeps every rule (the conflicts say which)
NO_SOLUTION_FOUND = "no_solution_found"  # none found in time, and none proven impossible
STATUSES = (OPTIMAL, FEASIBLE, INFEASIBLE, NO_SOLUTION_FOUND)


@dataclass(frozen=True)
class Reason:
    """Why: a stable ``code`` and JSON-able ``params``; ``imar.needs.reasons`` words it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass
class Allocation:
    status: str  # one of STATUSES
    selected: tuple[str, ...]
    total_cost: float
    total_score: float
    upper_bound: float
    gap: float
    conflicts: list[Reason] = field(default_factory=list)
    explanations: dict[str, Reason] = field(default_factory=dict)
    method: str = ""  # "milp" | "milp_kernel" | "lp_rounding" | "greedy" | ""
    currency: str = ""  # the problem's, for the reasons
    # Timings and intermediate figures, for benchmarks and logs.
    stats: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (reasons as code and params), for JSON."""
        data: dict[str, Any] = {
            "status": self.status,
            "selected": list(self.selected),
            "total_cost": self.total_cost,
            "total_score": self.total_score,
            "upper_bound": self.upper_bound,
            "gap": self.gap,
        }
        if self.currency:
            data["currency"] = self.currency
        if self.conflicts:
            data["conflicts"] = [reason.to_dict() for reason in self.conflicts]
        if self.explanations:
            data["explanations"] = {k: r.to_dict() for k, r in self.explanations.items()}
        return data
