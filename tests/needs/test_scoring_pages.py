"""Scoring model pages: weights typed or derived by AHP, consistency shown, versions kept."""

import pytest
from django.urls import reverse

from imar.needs.models import ScoringModel
from tests.needs.conftest import WEIGHTS

CRITERIA = list(WEIGHTS)


def ahp_post(name: str, pairs: dict[tuple[int, int], str]) -> dict:
    data = {"name": name, "method": "weighted_sum", "use_ahp": "on"}
    for i, first in enumerate(CRITERIA):
        for j in range(i + 1, len(CRITERIA)):
            data[f"pair_{first}__{CRITERIA[j]}"] = pairs.get((i, j), "1")
    return data


@pytest.fixture
def english(client):
    client.cookies["imar_language"] = "en"
    return client


def test_officer_saves_weights_and_sees_them_normalized(english, officer):
    english.force_login(officer)
    data = {"name": "Round 2027", "method": "topsis"}
    data |= {f"weight_{name}": "1" for name in CRITERIA}
    data["weight_need_severity"] = "4"
    response = english.post(reverse("needs:scoring_model_new"), data)
    assert response.status_code == 302
    model = ScoringModel.objects.get(name="Round 2027")
    assert model.definition["weights"][0] == pytest.approx(4 / 9)
    html = english.get(reverse("needs:scoring_models")).content.decode()
    assert "Need severity" in html and "0.444" in html and "TOPSIS" in html


def test_consistent_ahp_judgements_give_weights_and_a_ratio(english, officer):
    english.force_login(officer)
    response = english.post(
        reverse("needs:scoring_model_new"), ahp_post("AHP ok", {(0, 1): "3", (0, 2): "3"})
    )
    assert response.status_code == 302
    model = ScoringModel.objects.get(name="AHP ok")
    assert model.consistency_ratio is not None and model.consistency_ratio <= 0.1
    assert model.definition["weights"][0] == max(model.definition["weights"])
    assert "AHP consistency ratio" in english.get(reverse("needs:scoring_models")).content.decode()


def test_inconsistent_ahp_judgements_are_refused_with_the_worst_pair(english, officer):
    english.force_login(officer)
    # need > people > cost, but cost > need: a cycle.
    pairs = {(0, 1): "9", (1, 2): "9", (0, 2): "1/9"}
    response = english.post(reverse("needs:scoring_model_new"), ahp_post("AHP bad", pairs))
    html = response.content.decode()
    assert response.status_code == 200
    assert "consistency ratio" in html and "most inconsistent comparison" in html
    assert not ScoringModel.objects.filter(name="AHP bad").exists()


def test_bad_judgement_text_names_the_field(english, officer):
    english.force_login(officer)
    response = english.post(
        reverse("needs:scoring_model_new"), ahp_post("AHP typo", {(0, 1): "three"})
    )
    assert "Type a number such as 3, 0.5 or 1/3." in response.content.decode()


def test_scoring_pages_permissions(client, auditor, outsider, scoring_model):
    client.force_login(auditor)
    assert client.get(reverse("needs:scoring_models")).status_code == 200
    assert client.get(reverse("needs:scoring_model_new")).status_code == 403
    revise = reverse("needs:scoring_model_revise", args=[scoring_model.pk])
    assert client.post(revise, {}).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("needs:scoring_models")).status_code == 403


def test_scoring_models_page_in_arabic(client, officer, scoring_model):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("needs:scoring_models")).content.decode()
    assert "نماذج التقييم" in html and "شدة الاحتياج" in html
