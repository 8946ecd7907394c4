"""The multi-year plan as the fund writes it, its parsing from JSON-like input, and the answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from imar.needs.allocation.problem import (
    ProblemError,
    RegionLimit,
    _id_list,
    _is_number,
    _limits,
    _share,
)
from imar.needs.allocation.result import Reason


@dataclass(frozen=True)
class YearCandidate:
    id: str
    costs: tuple[float, ...]  # cost in each year from its start (the cost profile)
    score: float
    earliest_start: int | None = None  # a plan year; None: the first year
    latest_start: int | None = None  # None: the last year it can still finish in
    mandatory: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    region: str = ""
    district: str = ""
    sector: str = ""

    @property
    def total_cost(self) -> float:
        return float(sum(self.costs))


@dataclass(frozen=True)
class MultiYearProblem:
    years: tuple[int, ...]  # consecutive plan years
    budgets: tuple[float, ...]  # one per year
    candidates: tuple[YearCandidate, ...]
    carry_over: bool = True  # unspent money moves to the next year
    currency: str = ""
    # Floors and ceilings per region and per district (both levels at once) and sector caps,
    # as shares of the whole plan's budget (all years), held by the total cost of the
    # projects the plan funds in each group. Per-capita floors are district floors
    # (``equity.population_floors`` works on a plan as on one year).
    regions: Mapping[str, RegionLimit] = field(default_factory=dict)
    districts: Mapping[str, RegionLimit] = field(default_factory=dict)
    sector_max_shares: Mapping[str, float] = field(default_factory=dict)

    @property
    def budget(self) -> float:
        """The whole plan's budget, the base of every share."""
        return float(sum(self.budgets))


@dataclass
class YearAllocation:
    status: str
    starts: dict[str, int]  # chosen project -> start year
    total_cost: float
    total_score: float
    upper_bound: float
    gap: float
    spending: list[float]  # per plan year
    available: list[float]  # per plan year: budget plus what was carried in
    carried: list[float]  # per plan year: left unspent at its end (carried on if allowed)
    conflicts: list[Reason] = field(default_factory=list)
    explanations: dict[str, Reason] = field(default_factory=dict)
    method: str = ""
    currency: str = ""
    years: tuple[int, ...] = ()
    budgets: tuple[float, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def selected(self) -> tuple[str, ...]:
        return tuple(sorted(self.starts))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status,
            "selected": list(self.selected),
            "starts": dict(sorted(self.starts.items())),
            "total_cost": self.total_cost,
            "total_score": self.total_score,
            "upper_bound": self.upper_bound,
            "gap": self.gap,
            "years": [
                {
                    "year": year,
                    "budget": budget,
                    "available": available,
                    "spent": spent,
                    "left": left,
                }
                for year, budget, available, spent, left in zip(
                    self.years,
                    self.budgets,
                    self.available,
                    self.spending,
                    self.carried,
                    strict=True,
                )
            ],
        }
        if self.currency:
            data["currency"] = self.currency
        if self.conflicts:
            data["conflicts"] = [reason.to_dict() for reason in self.conflicts]
        if self.explanations:
            data["explanations"] = {k: r.to_dict() for k, r in self.explanations.items()}
        return data


# --------------------------------------------------------------------------------------------
# Parsing


def parse_multiyear_input(data: Any) -> MultiYearProblem:
    """Validate a JSON-like dict (``years`` present) and build a :class:`MultiYearProblem`."""
    if not isinstance(data, dict):
        raise ProblemError("input", "must be a JSON object")
    fields = {
        "years",
        "budgets",
        "candidates",
        "carry_over",
        "currency",
        "regions",
        "districts",
        "sectors",
    }
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ProblemError(unknown[0], "unknown field")
    raw_years = data.get("years")
    if (
        not isinstance(raw_years, list)
        or not raw_years
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in raw_years)
    ):
        raise ProblemError("years", "must be a non-empty list of years (integers)")
    years = tuple(raw_years)
    if any(b != a + 1 for a, b in zip(years, years[1:], strict=False)):
        raise ProblemError("years", "must be consecutive years in order")
    raw_budgets = data.get("budgets")
    if not isinstance(raw_budgets, dict):
        raise ProblemError("budgets", "must be an object mapping each year to its budget")
    budgets = []
    for year in years:
        value = raw_budgets.get(str(year))
        if not _is_number(value) or value < 0:
            raise ProblemError(f"budgets.{year}", "must be a non-negative number")
        budgets.append(float(value))
    extra = sorted(set(raw_budgets) - {str(y) for y in years})
    if extra:
        raise ProblemError(f"budgets.{extra[0]}", "is not one of the plan's years")
    if sum(budgets) <= 0:
        raise ProblemError("budgets", "must add up to a positive amount")
    carry_over = data.get("carry_over", True)
    if not isinstance(carry_over, bool):
        raise ProblemError("carry_over", "must be true or false")
    raw = data.get("candidates")
    if not isinstance(raw, list):
        raise ProblemError("candidates", "must be a list")
    candidates: list[YearCandidate] = []
    seen: dict[str, int] = {}
    allowed = {
        "id",
        "costs",
        "score",
        "earliest_start",
        "latest_start",
        "mandatory",
        "requires",
        "excludes",
        "region",
        "district",
        "sector",
    }
    for index, item in enumerate(raw):
        path = f"candidates[{index}]"
        if not isinstance(item, dict):
            raise ProblemError(path, "must be an object")
        extra = sorted(set(item) - allowed)
        if extra:
            raise ProblemError(f"{path}.{extra[0]}", "unknown field")
        for key in ("id", "costs", "score"):
            if key not in item:
                raise ProblemError(f"{path}.{key}", "is required")
        cid = item["id"]
        if not isinstance(cid, str) or not cid:
            raise ProblemError(f"{path}.id", "must be a non-empty string")
        if cid in seen:
            raise ProblemError(f"{path}.id", f"duplicate id {cid!r} (also candidates[{seen[cid]}])")
        seen[cid] = index
        costs = item["costs"]
        if (
            not isinstance(costs, list)
            or not costs
            or not all(_is_number(c) and c >= 0 for c in costs)
        ):
            raise ProblemError(
                f"{path}.costs", "must be a non-empty list of yearly costs (non-negative)"
            )
        if not _is_number(item["score"]) or item["score"] < 0:
            raise ProblemError(f"{path}.score", "must be a non-negative number")
        window = []
        for key in ("earliest_start", "latest_start"):
            value = item.get(key)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value not in years
            ):
                raise ProblemError(f"{path}.{key}", "must be one of the plan's years")
            window.append(value)
        if window[0] is not None and window[1] is not None and window[0] > window[1]:
            raise ProblemError(f"{path}.latest_start", "is before earliest_start")
        mandatory = item.get("mandatory", False)
        if not isinstance(mandatory, bool):
            raise ProblemError(f"{path}.mandatory", "must be true or false")
        texts = {}
        for key in ("region", "district", "sector"):
            value = item.get(key, "")
            if not isinstance(value, str):
                raise ProblemError(f"{path}.{key}", "must be a string")
            texts[key] = value
        candidates.append(
            YearCandidate(
                id=cid,
                costs=tuple(float(c) for c in costs),
                score=float(item["score"]),
                earliest_start=window[0],
                latest_start=window[1],
                mandatory=mandatory,
                requires=_id_list(item.get("requires"), f"{path}.requires"),
                excludes=_id_list(item.get("excludes"), f"{path}.excludes"),
                **texts,
            )
        )
    for index, candidate in enumerate(candidates):
        for key in ("requires", "excludes"):
            for position, other in enumerate(getattr(candidate, key)):
                where = f"candidates[{index}].{key}[{position}]"
                if other not in seen:
                    raise ProblemError(where, f"unknown candidate id {other!r}")
                if other == candidate.id:
                    raise ProblemError(where, "a candidate cannot refer to itself")
    currency = data.get("currency", "")
    if not isinstance(currency, str) or not (currency == "" or currency.isalpha()):
        raise ProblemError("currency", "must be a currency code such as LYD or USD")
    regions = _limits(data, "regions", "region")
    districts = _limits(data, "districts", "district")
    where: dict[str, tuple[str, int]] = {}
    for index, candidate in enumerate(candidates):
        if not candidate.district:
            continue
        region, first = where.setdefault(candidate.district, (candidate.region, index))
        if region != candidate.region:
            raise ProblemError(
                f"candidates[{index}].district",
                f"district {candidate.district!r} is in region {region!r} "
                f"(candidates[{first}]), not {candidate.region!r}",
            )
    sectors: dict[str, float] = {}
    raw_sectors = data.get("sectors") or {}
    if not isinstance(raw_sectors, dict):
        raise ProblemError("sectors", "must be an object mapping sector codes to limits")
    for code, limits in raw_sectors.items():
        path = f"sectors.{code}"
        if not isinstance(limits, dict) or set(limits) - {"max_share"}:
            raise ProblemError(path, "must be an object with max_share")
        sectors[code] = _share(limits, "max_share", path, 1.0)
    return MultiYearProblem(
        years,
        tuple(budgets),
        tuple(candidates),
        carry_over,
        currency.upper(),
        regions=regions,
        districts=districts,
        sector_max_shares=sectors,
    )
