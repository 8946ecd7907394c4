"""Two planners edit the same scenario or scoring model: the second save is refused with the
first one's change shown; the scenario API's PUT needs the version it replaces."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import Profile, Role
from imar.needs.models import Scenario, ScoringModel
from imar.needs.scenarios import scenario_create, scenario_update
from tests.browser_forms import refused_then_merged, stale_save


@pytest.fixture
def colleague(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("colleague", "c@imar.test", "pass-Imar-2026")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER)
    return user


@pytest.fixture
def browsers(client, officer, colleague):
    first = Client()
    for browser, user in ((first, officer), (client, colleague)):
        browser.force_login(user)
        browser.cookies["imar_language"] = "en"
    return first, client


@pytest.fixture
def scenario(scoring_model, officer, gazetteer):
    return scenario_create(
        by=officer, name="Balanced 2027", budget=Decimal("2500000"), scoring_model=scoring_model
    )


def test_second_scenario_save_is_refused_then_both_changes_are_kept(browsers, scenario):
    url = reverse("needs:scenario_edit", args=[scenario.pk])
    first, second = browsers
    theirs, mine = {"name": "Balanced 2027 (revised)"}, {"region_min_LY02": "40"}
    response = stale_save(url, first, second, theirs=theirs, mine=mine)
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="Name")
    assert Scenario.objects.get(pk=scenario.pk).rules == {}
    assert second.post(url, again).status_code == 302
    stored = Scenario.objects.get(pk=scenario.pk)
    assert stored.name == "Balanced 2027 (revised)"
    assert stored.rules == {"regions": {"LY02": {"min_share": 0.4}}}


def test_second_scoring_model_revision_is_refused(browsers, scoring_model):
    url = reverse("needs:scoring_model_revise", args=[scoring_model.pk])
    first, second = browsers
    theirs, mine = {"notes": "Risk counts more"}, {"weight_risk": "0.5"}
    response = stale_save(url, first, second, theirs=theirs, mine=mine)
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="Notes")
    assert second.post(url, again).status_code == 302
    stored = ScoringModel.objects.get(pk=scoring_model.pk)
    weights = {c["name"]: c["weight"] for c in stored.definition["criteria"]}
    assert stored.notes == "Risk counts more" and weights["risk"] > 0.2


@pytest.fixture
def api(officer):
    client = APIClient()
    client.force_authenticate(officer)
    return client


def _put_body(scenario, **changes):
    body = {
        "name": scenario.name,
        "budget": str(scenario.budget),
        "currency": scenario.currency,
        "scoring_model": scenario.scoring_model_id,
        "rules": {},
    }
    return {**body, **changes}


def test_scenario_put_needs_a_version_and_refuses_an_old_one(api, scenario, officer):
    url = f"/api/v1/needs/scenarios/{scenario.pk}/"
    assert api.put(url, _put_body(scenario), format="json").status_code == 428
    etag = api.get(url)["ETag"]
    scenario_update(scenario=scenario, by=officer, name="Changed elsewhere")
    stale = api.put(url, _put_body(scenario, name="Mine"), format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Scenario.objects.get(pk=scenario.pk).name == "Changed elsewhere"
    fresh = api.put(
        url, _put_body(scenario, name="Mine"), format="json", HTTP_IF_MATCH=api.get(url)["ETag"]
    )
    assert fresh.status_code == 200 and fresh.json()["name"] == "Mine"
