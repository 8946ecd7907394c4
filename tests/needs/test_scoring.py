"""Scoring: checked against pymcdm, hand computations and textbook AHP figures."""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import methods as pm_methods
from pymcdm import normalizations as pm_norm

from imar.needs.scoring import (
    Criterion,
    Direction,
    Method,
    Normalization,
    ScoringError,
    ScoringModel,
    ahp_weights,
    default_criteria,
    score_projects,
)

PYMCDM_NORMALIZATION = {
    Normalization.MINMAX: pm_norm.minmax_normalization,
    Normalization.MAX: pm_norm.max_normalization,
    Normalization.VECTOR: pm_norm.vector_normalization,
    Normalization.SUM: pm_norm.sum_normalization,
    Normalization.LINEAR: pm_norm.linear_normalization,
}


def _random_case(rng, n, m):
    matrix = rng.uniform(0.5, 100.0, size=(n, m))
    directions = rng.choice([Direction.BENEFIT, Direction.COST], size=m)
    norms = rng.choice(list(Normalization), size=m)
    weights = rng.uniform(0.1, 5.0, size=m)
    criteria = tuple(
        Criterion(f"c{j}", Direction(directions[j]), Normalization(norms[j]), float(weights[j]))
        for j in range(m)
    )
    return matrix, criteria


@pytest.mark.parametrize("method", list(Method))
def test_matches_pymcdm_on_random_cases(method):
    rng = np.random.default_rng(7)
    for _ in range(40):
        n, m = int(rng.integers(2, 12)), int(rng.integers(1, 7))
        matrix, criteria = _random_case(rng, n, m)
        model = ScoringModel(criteria, method)
        ids = [f"p{i}" for i in range(n)]
        ours = score_projects(model, matrix, ids)
        norm_functions = [PYMCDM_NORMALIZATION[c.normalization] for c in criteria]
        types = np.array([1 if c.direction is Direction.BENEFIT else -1 for c in criteria])
        body = (pm_methods.TOPSIS if method is Method.TOPSIS else pm_methods.WSM)(norm_functions)
        expected = body(matrix, model.weights, types, validation=False)
        np.testing.assert_allclose(ours.scores, expected, atol=1e-9, rtol=0)


def test_weighted_sum_by_hand():
    criteria = (
        Criterion("need", Direction.BENEFIT, Normalization.MINMAX, 3),
        Criterion("cost", Direction.COST, Normalization.MAX, 1),
    )
    model = ScoringModel(criteria)
    result = score_projects(model, [[1, 10], [3, 20], [2, 40]], ["a", "b", "c"])
    # need -> 0, 1, 0.5 ; cost -> 1-10/40, 1-20/40, 0 = .75, .5, 0 ; weights .75/.25
    np.testing.assert_allclose(result.scores, [0.1875, 0.875, 0.375])
    assert result.ranks.tolist() == [3, 1, 2]
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.scores)
    assert result.rows()[0]["id"] == "b"
    assert result.rows()[0]["contributions"] == {"need": 0.75, "cost": 0.125}


def test_topsis_by_hand():
    model = ScoringModel((Criterion("x", weight=1), Criterion("y", weight=1)), Method.TOPSIS)
    result = score_projects(model, [[0, 0], [1, 1], [1, 0]], ["a", "b", "c"])
    # weighted minmax: (0,0), (.5,.5), (.5,0); ideal (.5,.5), anti (0,0)
    np.testing.assert_allclose(result.scores, [0.0, 1.0, 0.5])


def test_ties_are_ranked_by_id():
    model = ScoringModel((Criterion("x"),))
    result = score_projects(model, [[1], [2], [1], [2]], ["d", "c", "b", "a"])
    assert result.ranks.tolist() == [4, 2, 3, 1]


def test_constant_column_and_zero_vector_column():
    criteria = (
        Criterion("flat", normalization=Normalization.MINMAX),
        Criterion("zeros", normalization=Normalization.VECTOR),
        Criterion("v", normalization=Normalization.VECTOR),
    )
    result = score_projects(
        ScoringModel(criteria), [[5, 0, 0], [5, 0, 3], [5, 0, 4]], ["a", "b", "c"]
    )
    assert np.all(np.isfinite(result.scores))
    np.testing.assert_allclose(result.normalized[:, 0], 1.0)
    np.testing.assert_allclose(result.normalized[:, 1], 1.0)
    np.testing.assert_allclose(result.normalized[:, 2], [0, 0.6, 0.8])
    for method in Method:
        flat = score_projects(ScoringModel(criteria[:1], method), [[1], [1]], ["a", "b"])
        assert np.all(np.isfinite(flat.scores))


def test_missing_value_names_criterion_and_row():
    model = ScoringModel(default_criteria())
    matrix = np.ones((3, 6))
    matrix[2, 4] = np.nan
    with pytest.raises(ScoringError) as info:
        score_projects(model, matrix, ["a", "b", "c"])
    assert info.value.code == "missing_value"
    assert info.value.params == {"criterion": "risk", "row": 2, "project": "c"}
    assert "'risk'" in str(info.value) and "'c'" in str(info.value)


def test_negative_weight_and_bad_values_are_refused():
    with pytest.raises(ScoringError, match="weight -1") as info:
        ScoringModel((Criterion("a", weight=-1), Criterion("b")))
    assert info.value.code == "negative_weight"
    with pytest.raises(ScoringError) as info:
        ScoringModel((Criterion("a", weight=0),))
    assert info.value.code == "zero_weights"
    cost_linear = ScoringModel((Criterion("c", Direction.COST, Normalization.LINEAR),))
    with pytest.raises(ScoringError) as info:
        score_projects(cost_linear, [[0], [2]], ["a", "b"])
    assert info.value.code == "zero_value"
    vector = ScoringModel((Criterion("v", normalization=Normalization.VECTOR),))
    with pytest.raises(ScoringError) as info:
        score_projects(vector, [[-1], [2]], ["a", "b"])
    assert info.value.code == "negative_value"


def test_model_round_trips_through_dict():
    model = ScoringModel(default_criteria(), Method.TOPSIS, "2026-11-r1", notes="round one")
    data = model.to_dict()
    assert data["weights"] == pytest.approx([1 / 6] * 6)
    again = ScoringModel.from_dict(data)
    assert again == model and again.to_dict() == data
    crit = [Criterion(n) for n in ("a", "b", "c")]
    ahp_model, _ = ScoringModel.from_ahp(crit, [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert ScoringModel.from_dict(ahp_model.to_dict()).to_dict() == ahp_model.to_dict()


def test_ahp_consistent_matrix_is_exact():
    w = np.array([0.5, 0.3, 0.2])
    result = ahp_weights(np.outer(w, 1 / w))
    np.testing.assert_allclose(result.weights, w, atol=1e-12)
    assert result.lambda_max == pytest.approx(3.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_ahp_textbook_matrix():
    # Classic 3x3 example (Saaty's scale): priorities .637/.258/.105, lambda 3.039, CR .033.
    result = ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    np.testing.assert_allclose(result.weights, [0.637, 0.258, 0.105], atol=5e-4)
    assert result.lambda_max == pytest.approx(3.0385, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.0193, abs=2e-4)
    assert result.random_index == 0.58
    assert result.consistency_ratio == pytest.approx(0.033, abs=1e-3)


def test_ahp_refuses_inconsistent_judgements_naming_the_pair():
    # a > b (9), b > c (9) but c > a (9): a cycle.
    matrix = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
    names = ["need", "people", "cost"]
    with pytest.raises(ScoringError) as info:
        ahp_weights(matrix, names=names)
    assert info.value.code == "ahp_inconsistent"
    assert info.value.params["ratio"] > 0.1
    assert {info.value.params["first"], info.value.params["second"]} <= set(names)
    assert "most inconsistent comparison" in str(info.value)
    # One bad judgement in an otherwise consistent 4x4 matrix is the one named.
    w = np.array([0.4, 0.3, 0.2, 0.1])
    skewed = np.outer(w, 1 / w)
    skewed[0, 3], skewed[3, 0] = 1 / 6, 6
    with pytest.raises(ScoringError) as info:
        ahp_weights(skewed, names=["a", "b", "c", "d"])
    assert (info.value.params["first"], info.value.params["second"]) == ("a", "d")
    report = ahp_weights(skewed, max_ratio=None)
    assert report.consistency_ratio > 0.1 and report.worst_pair == (0, 3)


def test_ahp_rejects_non_reciprocal():
    with pytest.raises(ScoringError) as info:
        ahp_weights([[1, 2], [2, 1]])
    assert info.value.code == "ahp_not_reciprocal"


def test_scores_100k_projects_fast():
    rng = np.random.default_rng(1)
    matrix = rng.uniform(1, 1000, size=(100_000, 6))
    ids = [f"p{i}" for i in range(100_000)]
    for method in Method:
        model = ScoringModel(default_criteria(), method)
        start = time.perf_counter()
        result = score_projects(model, matrix, ids)
        elapsed = time.perf_counter() - start
        assert result.scores.shape == (100_000,)
        assert elapsed < 2.0  # well under 1 s on an idle machine; slack for shared CI cores


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(2, 8),
    data=st.data(),
    method=st.sampled_from(list(Method)),
)
def test_scores_are_bounded_and_monotone(rows, data, method):
    values = st.floats(0, 1000, allow_nan=False, allow_infinity=False)
    matrix = np.array(
        data.draw(st.lists(st.lists(values, min_size=3, max_size=3), min_size=rows, max_size=rows))
    )
    criteria = (
        Criterion("need", Direction.BENEFIT, Normalization.MINMAX, 2),
        Criterion("cost", Direction.COST, Normalization.MINMAX, 1),
        Criterion("people", Direction.BENEFIT, Normalization.MAX, 1),
    )
    model = ScoringModel(criteria, method)
    ids = [f"p{i}" for i in range(rows)]
    result = score_projects(model, matrix, ids)
    assert np.all((result.scores >= -1e-12) & (result.scores <= 1 + 1e-12))
    assert sorted(result.ranks.tolist()) == list(range(1, rows + 1))
    if method is Method.WEIGHTED_SUM:
        # Raising the best project's benefit value, or cutting its cost, keeps it on top.
        top = int(np.argmin(result.ranks))
        better = matrix.copy()
        better[top, 0] += 10
        better[top, 1] = max(better[top, 1] - 10, 0)
        again = score_projects(model, better, ids)
        assert again.scores[top] >= again.scores.max() - 1e-12
