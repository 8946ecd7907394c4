"""Multi-criteria scoring of reconstruction projects (pure: NumPy in, plain results out).

The Django side builds the decision matrix (one row per project, one column per criterion)
and a :class:`ScoringModel`; :func:`score_projects` returns each project's score, rank and
per-criterion contribution. The model serializes to a plain dict so it can be versioned and
published with every result. Errors carry a ``code`` and ``params`` next to the English text
so the caller can translate them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

__all__ = [
    "AHP_MAX_CONSISTENCY_RATIO",
    "AHPResult",
    "Criterion",
    "Direction",
    "Method",
    "Normalization",
    "ScoringError",
    "ScoringModel",
    "ScoringResult",
    "ahp_weights",
    "default_criteria",
    "normalize_matrix",
    "score_projects",
]

# Saaty's random consistency index by matrix size (n = 1..15).
SAATY_RANDOM_INDEX = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)
AHP_MAX_CONSISTENCY_RATIO = 0.1


class Direction(StrEnum):
    BENEFIT = "benefit"  # more is better
    COST = "cost"  # less is better


class Normalization(StrEnum):
    """Column normalizations; formulas follow pymcdm so results can be checked against it."""

    MINMAX = "minmax"  # (x - min) / (max - min); cost: (max - x) / (max - min)
    MAX = "max"  # x / max; cost: 1 - x / max
    VECTOR = "vector"  # x / ||x||; cost: 1 - x / ||x||
    SUM = "sum"  # x / sum(x); cost: (1/x) / sum(1/x)
    LINEAR = "linear"  # x / max; cost: min / x


class Method(StrEnum):
    WEIGHTED_SUM = "weighted_sum"
    TOPSIS = "topsis"


class ScoringError(ValueError):
    """Invalid model or data. ``code``/``params`` are stable for translation; str() is English."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
        self.message = message


@dataclass(frozen=True)
class Criterion:
    name: str
    direction: Direction = Direction.BENEFIT
    normalization: Normalization = Normalization.MINMAX
    weight: float = 1.0  # raw weight; the model normalizes weights to sum 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "direction": str(self.direction),
            "normalization": str(self.normalization),
            "weight": float(self.weight),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Criterion:
        try:
            return cls(
                name=str(data["name"]),
                direction=Direction(data.get("direction", Direction.BENEFIT)),
                normalization=Normalization(data.get("normalization", Normalization.MINMAX)),
                weight=float(data.get("weight", 1.0)),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ScoringError(
                "bad_criterion",
                f"Invalid criterion definition {dict(data)!r}: {exc}",
                criterion=dict(data),
            ) from exc


def default_criteria() -> tuple[Criterion, ...]:
    """The fund's standard criteria, equally weighted; staff adjust weights per round."""
    return (
        Criterion("need_severity", Direction.BENEFIT, Normalization.MINMAX),
        Criterion("people_served", Direction.BENEFIT, Normalization.MAX),
        Criterion("cost_per_beneficiary", Direction.COST, Normalization.MINMAX),
        Criterion("readiness", Direction.BENEFIT, Normalization.MAX),
        Criterion("risk", Direction.COST, Normalization.MINMAX),
        Criterion("staff_score", Direction.BENEFIT, Normalization.MINMAX),
    )


@dataclass(frozen=True)
class AHPResult:
    weights: tuple[float, ...]
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    # Pair (i, j) whose judgement departs most from the derived weights, and by what factor.
    worst_pair: tuple[int, int] | None
    worst_factor: float


def ahp_weights(
    pairwise: Sequence[Sequence[float]] | np.ndarray,
    *,
    names: Sequence[str] | None = None,
    max_ratio: float | None = AHP_MAX_CONSISTENCY_RATIO,
) -> AHPResult:
    """Weights from a reciprocal pairwise comparison matrix (Saaty's principal eigenvector).

    Raises :class:`ScoringError` (code ``ahp_inconsistent``) when the consistency ratio exceeds
    ``max_ratio``; pass ``max_ratio=None`` to only report it.
    """
    a = np.asarray(pairwise, dtype=float)
    n = a.shape[0] if a.ndim == 2 else 0
    if a.ndim != 2 or a.shape[1] != n or n == 0:
        raise ScoringError("ahp_shape", "The pairwise comparison matrix must be square.")
    labels = list(names) if names is not None else [f"criterion {i + 1}" for i in range(n)]
    if len(labels) != n:
        raise ScoringError("ahp_shape", "The pairwise matrix size differs from the criteria.")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ScoringError("ahp_values", "Pairwise comparisons must be positive numbers.")
    if not np.allclose(a * a.T, 1.0, rtol=1e-6, atol=1e-9):
        i, j = np.unravel_index(np.argmax(np.abs(a * a.T - 1.0)), a.shape)
        raise ScoringError(
            "ahp_not_reciprocal",
            f"Comparison of {labels[i]} with {labels[j]} ({a[i, j]:g}) is not the reciprocal "
            f"of {labels[j]} with {labels[i]} ({a[j, i]:g}).",
            first=labels[i],
            second=labels[j],
        )
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)  # Perron vector: one sign, so abs is safe
    weights = vector / vector.sum()
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ci = max(ci, 0.0)  # rounding can make a consistent matrix give -1e-16
    ri = SAATY_RANDOM_INDEX[n - 1] if n <= len(SAATY_RANDOM_INDEX) else SAATY_RANDOM_INDEX[-1]
    cr = ci / ri if ri > 0 else 0.0
    # Departure of each judgement from the ratio the weights imply, symmetric in log scale.
    departure = np.abs(np.log(a * np.outer(1.0 / weights, weights)))
    worst_pair: tuple[int, int] | None = None
    worst_factor = 1.0
    if n > 1:
        i, j = np.unravel_index(np.argmax(np.triu(departure, 1)), a.shape)
        worst_pair, worst_factor = (int(i), int(j)), float(math.exp(departure[i, j]))
    result = AHPResult(
        tuple(float(w) for w in weights), lambda_max, ci, ri, cr, worst_pair, worst_factor
    )
    if max_ratio is not None and cr > max_ratio:
        params: dict[str, Any] = {"ratio": round(cr, 4), "limit": max_ratio}
        message = (
            f"The pairwise comparisons are inconsistent: consistency ratio {cr:.3f} "
            f"is above {max_ratio:g}."
        )
        if worst_pair is not None:
            i, j = worst_pair
            implied = weights[i] / weights[j]
            params |= {
                "first": labels[i],
                "second": labels[j],
                "given": float(a[i, j]),
                "implied": round(float(implied), 3),
            }
            message += (
                f" The most inconsistent comparison is {labels[i]} versus {labels[j]}: "
                f"it says {a[i, j]:g}, the other comparisons imply about {implied:.2f}."
            )
        raise ScoringError("ahp_inconsistent", message, **params)
    return result


@dataclass(frozen=True)
class ScoringModel:
    """Everything needed to reproduce a ranking: criteria, weights, method and a version."""

    criteria: tuple[Criterion, ...]
    method: Method = Method.WEIGHTED_SUM
    version: str = "1"
    # When weights came from AHP, the judgements are kept so the weights can be re-derived.
    pairwise: tuple[tuple[float, ...], ...] | None = None
    notes: str = ""
    _weights: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "criteria", tuple(self.criteria))
        object.__setattr__(self, "method", Method(self.method))
        if not self.criteria:
            raise ScoringError("no_criteria", "A scoring model needs at least one criterion.")
        names = [c.name for c in self.criteria]
        if len(set(names)) != len(names):
            raise ScoringError("duplicate_criterion", "Criterion names must be unique.")
        raw = np.array([c.weight for c in self.criteria], dtype=float)
        for criterion, w in zip(self.criteria, raw, strict=True):
            if not math.isfinite(w) or w < 0:
                raise ScoringError(
                    "negative_weight",
                    f"Criterion {criterion.name!r} has weight {w:g}; weights must be "
                    f"non-negative numbers.",
                    criterion=criterion.name,
                    weight=float(w),
                )
        if raw.sum() <= 0:
            raise ScoringError("zero_weights", "At least one criterion needs a positive weight.")
        object.__setattr__(self, "_weights", raw / raw.sum())

    @property
    def weights(self) -> np.ndarray:
        """Weights normalized to sum 1, in criteria order (a copy)."""
        return self._weights.copy()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.criteria]

    @classmethod
    def from_ahp(
        cls,
        criteria: Sequence[Criterion],
        pairwise: Sequence[Sequence[float]] | np.ndarray,
        *,
        method: Method = Method.WEIGHTED_SUM,
        version: str = "1",
        max_ratio: float = AHP_MAX_CONSISTENCY_RATIO,
    ) -> tuple[ScoringModel, AHPResult]:
        """Model whose weights come from AHP; refuses inconsistent judgements."""
        ahp = ahp_weights(pairwise, names=[c.name for c in criteria], max_ratio=max_ratio)
        weighted = tuple(
            Criterion(c.name, c.direction, c.normalization, w)
            for c, w in zip(criteria, ahp.weights, strict=True)
        )
        table = tuple(tuple(float(v) for v in row) for row in np.asarray(pairwise, dtype=float))
        return cls(weighted, method, version, pairwise=table), ahp

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": self.version,
            "method": str(self.method),
            "criteria": [c.to_dict() for c in self.criteria],
            "weights": [float(w) for w in self._weights],
        }
        if self.pairwise is not None:
            data["pairwise"] = [list(row) for row in self.pairwise]
        if self.notes:
            data["notes"] = self.notes
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoringModel:
        try:
            criteria = tuple(Criterion.from_dict(c) for c in data["criteria"])
            method = Method(data.get("method", Method.WEIGHTED_SUM))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ScoringError):
                raise
            raise ScoringError("bad_model", f"Invalid scoring model: {exc}") from exc
        pairwise = data.get("pairwise")
        table = tuple(tuple(float(v) for v in row) for row in pairwise) if pairwise else None
        return cls(
            criteria,
            method,
            str(data.get("version", "1")),
            pairwise=table,
            notes=str(data.get("notes", "")),
        )


@dataclass(frozen=True)
class ScoringResult:
    ids: tuple[str, ...]
    scores: np.ndarray  # (n,) in [0, 1]
    ranks: np.ndarray  # (n,) 1 = best; ties broken by id
    normalized: np.ndarray  # (n, m) normalized criterion values
    # (n, m) weight x normalized value. For the weighted sum they add up to the score; for
    # TOPSIS they are the weighted values whose distances to the ideals make the score.
    contributions: np.ndarray
    model: dict[str, Any]

    def rows(self) -> list[dict[str, Any]]:
        """Plain per-project records, best first (for JSON and templates)."""
        names = [c["name"] for c in self.model["criteria"]]
        order = np.argsort(self.ranks, kind="stable")
        return [
            {
                "id": self.ids[i],
                "score": float(self.scores[i]),
                "rank": int(self.ranks[i]),
                "contributions": dict(zip(names, map(float, self.contributions[i]), strict=True)),
            }
            for i in order
        ]


def _normalize_column(
    x: np.ndarray, name: str, direction: Direction, kind: Normalization
) -> np.ndarray:
    cost = direction is Direction.COST
    lo, hi = float(x.min()), float(x.max())
    if lo == hi and kind is not Normalization.SUM:
        # A constant column cannot discriminate; everyone gets full credit (as pymcdm does).
        return np.ones_like(x)
    if kind is Normalization.MINMAX:
        return (hi - x) / (hi - lo) if cost else (x - lo) / (hi - lo)
    if lo < 0:
        raise ScoringError(
            "negative_value",
            f"Criterion {name!r} has negative values, which {kind} normalization cannot "
            f"handle; use minmax.",
            criterion=name,
            normalization=str(kind),
        )
    if kind is Normalization.MAX:
        return 1.0 - x / hi if cost else x / hi
    if kind is Normalization.VECTOR:
        norm = float(np.sqrt(np.dot(x, x)))
        return 1.0 - x / norm if cost else x / norm
    if kind is Normalization.SUM:
        if cost:
            if lo == 0:
                raise _zero_error(name, kind)
            inverse = 1.0 / x
            return inverse / inverse.sum()
        total = float(x.sum())
        return x / total if total > 0 else np.full_like(x, 1.0 / len(x))
    if kind is Normalization.LINEAR:
        if cost:
            if lo == 0:
                raise _zero_error(name, kind)
            return lo / x
        return x / hi
    raise ScoringError("bad_normalization", f"Unknown normalization {kind!r}.")


def _zero_error(name: str, kind: Normalization) -> ScoringError:
    return ScoringError(
        "zero_value",
        f"Criterion {name!r} has a zero value, which {kind} normalization of a cost criterion "
        f"cannot handle (it divides by the value); use minmax or max.",
        criterion=name,
        normalization=str(kind),
    )


def _validated_matrix(
    matrix: np.ndarray | Sequence[Sequence[float]], model: ScoringModel, ids: Sequence[str]
) -> np.ndarray:
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[1] != len(model.criteria):
        raise ScoringError(
            "bad_shape",
            f"The matrix must have one column per criterion ({len(model.criteria)}); "
            f"got shape {x.shape}.",
            expected=len(model.criteria),
        )
    if len(ids) != x.shape[0]:
        raise ScoringError("bad_shape", "There must be one id per matrix row.")
    if x.shape[0] == 0:
        raise ScoringError("empty", "There are no projects to score.")
    bad = ~np.isfinite(x)
    if bad.any():
        row, col = (int(v) for v in np.argwhere(bad)[0])
        name = model.criteria[col].name
        raise ScoringError(
            "missing_value",
            f"Criterion {name!r} is missing (or not a finite number) for project {ids[row]!r} "
            f"(row {row}).",
            criterion=name,
            row=row,
            project=ids[row],
        )
    return x


def normalize_matrix(
    matrix: np.ndarray, model: ScoringModel, ids: Sequence[str] | None = None
) -> np.ndarray:
    """Normalize each column with its criterion's direction and normalization."""
    labels = list(ids) if ids is not None else [str(i) for i in range(len(matrix))]
    x = _validated_matrix(matrix, model, labels)
    out = np.empty_like(x)
    for j, c in enumerate(model.criteria):
        out[:, j] = _normalize_column(
            x[:, j], c.name, Direction(c.direction), Normalization(c.normalization)
        )
    return out


def score_projects(
    model: ScoringModel,
    matrix: np.ndarray | Sequence[Sequence[float]],
    ids: Sequence[str],
) -> ScoringResult:
    """Score and rank projects. ``matrix[i, j]`` is project ``ids[i]`` on criterion ``j``."""
    normalized = normalize_matrix(np.asarray(matrix, dtype=float), model, ids)
    weighted = normalized * model.weights
    if model.method is Method.WEIGHTED_SUM:
        scores = weighted.sum(axis=1)
    else:
        ideal, anti_ideal = weighted.max(axis=0), weighted.min(axis=0)
        to_ideal = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
        to_anti = np.sqrt(((weighted - anti_ideal) ** 2).sum(axis=1))
        total = to_ideal + to_anti
        # All projects identical on every weighted criterion: nobody is better; score 1.
        scores = np.divide(to_anti, total, out=np.ones_like(total), where=total > 0)
    id_array = np.asarray(ids, dtype=object)
    # Best score first; equal scores ordered by id so ranks are reproducible.
    order = np.lexsort((id_array.astype(str), -scores))
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ScoringResult(
        tuple(str(i) for i in ids), scores, ranks, normalized, weighted, model.to_dict()
    )
