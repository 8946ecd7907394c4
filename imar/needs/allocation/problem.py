"""The allocation problem as the fund writes it, and its parsing from JSON-like input."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
    # A second, finer grouping inside the region (a district of it), "" when not used.
    district: str = ""


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
    # ISO 4217 code of budget and costs, for the reasons ("score per million USD").
    currency: str = ""
    # Floors and ceilings on the finer level (each district lies in one region), held at
    # the same time as those of the regions.
    districts: Mapping[str, RegionLimit] = field(default_factory=dict)


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
    fields = {"budget", "candidates", "regions", "districts", "sectors", "currency"}
    unknown = sorted(set(data) - fields)
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
        district = item.get("district", "")
        if not isinstance(district, str):
            raise ProblemError(f"{path}.district", "must be a string")
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
                district=district,
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
        if not isinstance(limits, dict):
            raise ProblemError(path, "must be an object with max_share")
        extra = sorted(set(limits) - {"max_share"})
        if extra:
            raise ProblemError(f"{path}.{extra[0]}", "unknown field")
        sectors[code] = _share(limits, "max_share", path, 1.0)

    currency = data.get("currency", "")
    if not isinstance(currency, str) or not (currency == "" or currency.isalpha()):
        raise ProblemError("currency", "must be a currency code such as LYD or USD")
    return Problem(
        float(data["budget"]), tuple(candidates), regions, sectors, currency.upper(), districts
    )


def _limits(data: dict, key: str, what: str) -> dict[str, RegionLimit]:
    out: dict[str, RegionLimit] = {}
    raw = data.get(key) or {}
    if not isinstance(raw, dict):
        raise ProblemError(key, f"must be an object mapping {what} codes to limits")
    for code, limits in raw.items():
        path = f"{key}.{code}"
        if not isinstance(limits, dict):
            raise ProblemError(path, "must be an object with min_share and/or max_share")
        extra = sorted(set(limits) - {"min_share", "max_share"})
        if extra:
            raise ProblemError(f"{path}.{extra[0]}", "unknown field")
        low = _share(limits, "min_share", path, 0.0)
        high = _share(limits, "max_share", path, 1.0)
        if low > high:
            raise ProblemError(path, f"min_share ({low:g}) is greater than max_share ({high:g})")
        out[code] = RegionLimit(low, high)
    return out
