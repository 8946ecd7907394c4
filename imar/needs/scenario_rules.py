"""A scenario's rules beside what its answer achieved: the budget, every floor and ceiling of
a region or district and every sector cap, with the money chosen there, its share of the
budget, the room left and whether the rule binds. Plain data in, plain rows out."""

from collections.abc import Mapping
from dataclasses import dataclass

BINDS, HOLDS, BROKEN = "binds", "holds", "broken"
LEVELS = (("regions", "region"), ("districts", "district"))


def tolerance(budget: float) -> float:
    """How close to its limit an amount counts as on it: half a unit of the currency (the
    pages show whole units), or the solver's float noise on a large budget."""
    return max(0.5, budget * 1e-9)


@dataclass(frozen=True)
class RuleLine:
    kind: str  # "budget", "floor", "ceiling" or "cap"
    level: str  # "budget", "region", "district" or "sector"
    code: str
    limit: float  # the limit's amount, in the scenario's currency
    achieved: float  # the money chosen under the rule
    budget: float

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.level}-{self.code}" if self.code else self.kind

    @property
    def limit_share(self) -> float:
        return self.limit / self.budget * 100

    @property
    def achieved_share(self) -> float:
        return self.achieved / self.budget * 100

    @property
    def room(self) -> float:
        """How far the answer is from the limit on its allowed side (negative: broken)."""
        return self.achieved - self.limit if self.kind == "floor" else self.limit - self.achieved

    @property
    def state(self) -> str:
        slack = tolerance(self.budget)
        if self.room < -slack:
            return BROKEN
        return BINDS if self.room <= slack else HOLDS


def rule_lines(
    *, rules: Mapping, budget: float, spent: Mapping[tuple[str, str], float], total: float
) -> list[RuleLine]:
    """`spent[(level, code)]` is the money chosen in that region, district or sector.
    A floor of 0 or a ceiling of 100% restricts nothing and is not listed."""
    lines = [RuleLine("budget", "budget", "", budget, total, budget)]
    for key, level in LEVELS:
        for code, limits in sorted((rules.get(key) or {}).items()):
            achieved = spent.get((level, code), 0.0)
            if limits.get("min_share", 0) > 0:
                lines.append(
                    RuleLine("floor", level, code, limits["min_share"] * budget, achieved, budget)
                )
            if limits.get("max_share", 1) < 1:
                lines.append(
                    RuleLine("ceiling", level, code, limits["max_share"] * budget, achieved, budget)
                )
    for code, limits in sorted((rules.get("sectors") or {}).items()):
        if limits.get("max_share", 1) < 1:
            achieved = spent.get(("sector", code), 0.0)
            lines.append(
                RuleLine("cap", "sector", code, limits["max_share"] * budget, achieved, budget)
            )
    return lines
