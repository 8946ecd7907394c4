"""Explanations speak the scenario's currency, in the reader's language."""

from django.utils import translation

from imar.needs.reasons import ReasonRenderer

CHOSEN = {"code": "high_score_per_dinar", "params": {"score_per_million": 0.125}}
LEFT_OUT = {
    "code": "budget_exhausted",
    "params": {
        "cost": 2_000_000,
        "remaining": 150_000,
        "score_per_million": 0.05,
        "cutoff_per_million": 0.08,
    },
}


def test_scores_per_million_name_the_scenario_currency():
    render = ReasonRenderer(currency="USD").render
    assert render(CHOSEN) == "Chosen: score per million USD 0.125."
    assert "score per million USD (0.050)" in render(LEFT_OUT)
    assert "2,000,000" in render(LEFT_OUT) and "150,000" in render(LEFT_OUT)


def test_in_arabic():
    with translation.override("ar"):
        assert ReasonRenderer(currency="LYD").render(CHOSEN) == "اختير: الدرجة لكل مليون LYD 0.125."
