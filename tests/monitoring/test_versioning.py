"""A risk edited by two people, a report corrected in two tabs: the second save is refused
with the first one's change shown; the risk API refuses a stale If-Match."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import Profile, Role
from imar.monitoring import risks
from imar.monitoring.models import ProgressReport, Risk
from imar.monitoring.reports import report_save
from tests.browser_forms import refused_then_merged, stale_save


@pytest.fixture
def colleague(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("colleague", "c@imar.test", "pass-Imar-2026")
    Profile.objects.create(user=user, role=Role.FUND_OFFICER)
    return user


def _logged_in(user):
    browser = Client()
    browser.force_login(user)
    browser.cookies["imar_language"] = "en"
    return browser


@pytest.fixture
def risk(make_project, officer):
    return risks.risk_create(
        by=officer,
        project=make_project(code="R-1"),
        category="financial",
        description_en="Prices rise",
        likelihood=3,
        impact=3,
    )


def test_second_risk_save_is_refused_then_both_changes_are_kept(risk, officer, colleague):
    url = reverse("monitoring:risk_edit", args=["R-1", risk.pk])
    theirs, mine = {"owner": "Eng. Salem"}, {"mitigation": "Fixed-price contract"}
    response = stale_save(
        url, _logged_in(officer), second := _logged_in(colleague), theirs=theirs, mine=mine
    )
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="owner")
    assert second.post(url, again).status_code == 302
    stored = Risk.objects.get(pk=risk.pk)
    assert (stored.owner, stored.mitigation) == ("Eng. Salem", "Fixed-price contract")


def test_a_report_corrected_in_two_tabs_keeps_both_corrections(engineer, make_project):
    report, _ = report_save(
        by=engineer, project=make_project(), report_date=date(2025, 4, 1), physical_percent="30"
    )
    url = reverse("monitoring:report_edit", args=[report.pk])
    theirs, mine = {"physical_percent": "35.00"}, {"narrative_en": "Roof poured."}
    response = stale_save(
        url, _logged_in(engineer), second := _logged_in(engineer), theirs=theirs, mine=mine
    )
    again = refused_then_merged(response, theirs=theirs, mine=mine, label="Physical progress (%)")
    assert second.post(url, again).status_code == 302
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (str(stored.physical_percent), stored.narrative_en) == ("35.00", "Roof poured.")


def test_risk_patch_with_a_stale_if_match_answers_412(risk, officer):
    api = APIClient()
    api.force_authenticate(officer)
    url = f"/api/v1/risks/{risk.pk}/"
    etag = api.get(url)["ETag"]
    risks.risk_update(risk=risk, by=officer, owner="Someone")
    refused = api.patch(url, {"mitigation": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 412
    assert Risk.objects.get(pk=risk.pk).mitigation == ""
