"""Two managers edit the same organization, agreement, engagement or action: the second
save is refused with the first one's changes shown, and saving again keeps both. The API
refuses a stale If-Match (412) or row_version (409)."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from imar.accounts.models import Profile, Role
from imar.organizations import services as organization_services
from imar.organizations.models import Organization
from imar.partners import services
from imar.partners.models import ActionItem, Agreement, Engagement
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


def _action(visit, officer):
    return services.action_save(
        by=officer,
        engagement=visit,
        fields={
            "description_ar": "متابعة",
            "description_en": "Follow up",
            "due_on": None,
            "owner_user": officer,
        },
    )


CASES = {
    "organization": (
        lambda f: f["greek_ministry"],
        lambda obj: reverse("partners:organization_edit", args=[obj.pk]),
        {"acronym": "HMD"},
        {"notes": "Call before visiting."},
    ),
    "agreement": (
        lambda f: f["make_agreement"](f["greek_ministry"]),
        lambda obj: reverse("partners:agreement_edit", args=[obj.pk]),
        {"title_en": "Water grant"},
        {"signed_place": "Athens"},
    ),
    "engagement": (
        lambda f: f["visit"],
        lambda obj: reverse("partners:engagement_edit", args=[obj.pk]),
        {"title_en": "Greek ministerial visit"},
        {"summary_en": "Agreed on water projects."},
    ),
    "action": (
        lambda f: _action(f["visit"], f["officer"]),
        lambda obj: reverse("partners:action_edit", args=[obj.engagement_id, obj.pk]),
        {"description_en": "Send the draft"},
        {"due_on": "2026-05-01"},
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_second_save_is_refused_then_both_changes_are_kept(
    case, browsers, greek_ministry, make_agreement, visit, officer
):
    make, url_of, theirs, mine = CASES[case]
    fixtures = {
        "greek_ministry": greek_ministry,
        "make_agreement": make_agreement,
        "visit": visit,
        "officer": officer,
    }
    record = make(fixtures)
    url = url_of(record)
    first, second = browsers
    response = stale_save(url, first, second, theirs=theirs, mine=mine)
    label = str(type(record)._meta.get_field(next(iter(theirs))).verbose_name)
    again = refused_then_merged(response, theirs=theirs, mine=mine, label=label)
    stored = type(record).objects.get(pk=record.pk)
    for name, value in mine.items():
        assert str(getattr(stored, name) or "") != value  # nothing of mine was saved yet
    assert second.post(url, again).status_code == 302
    stored.refresh_from_db()
    for name, value in {**theirs, **mine}.items():
        assert str(getattr(stored, name)) == value


# ---- API --------------------------------------------------------------------------------


@pytest.fixture
def api(officer):
    client = APIClient()
    client.force_authenticate(officer)
    return client


def test_api_patch_with_a_stale_if_match_is_refused(api, greek_ministry, officer):
    etag = api.get(f"/api/v1/organizations/{greek_ministry.pk}/")["ETag"]
    organization_services.organization_save(
        by=officer, fields={"acronym": "HMD"}, organization=greek_ministry
    )
    url = f"/api/v1/organizations/{greek_ministry.pk}/"
    refused = api.patch(url, {"notes": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 412
    assert Organization.objects.get(pk=greek_ministry.pk).notes == "Prefers meetings in Athens."
    fresh = api.patch(
        url, {"notes": "x"}, format="json", HTTP_IF_MATCH=refused.json()["row_version"].__str__()
    )
    assert fresh.status_code == 200 and fresh.json()["row_version"] == 3


@pytest.mark.parametrize("kind", ["agreements", "engagements", "action-items"])
def test_api_patch_with_a_stale_row_version_answers_409(
    kind, api, make_agreement, greek_ministry, visit, officer
):
    record = {
        "agreements": lambda: make_agreement(greek_ministry),
        "engagements": lambda: visit,
        "action-items": lambda: _action(visit, officer),
    }[kind]()
    url = f"/api/v1/{kind}/{record.pk}/"
    field = {
        "agreements": "signed_place",
        "engagements": "place_en",
        "action-items": "description_en",
    }[kind]
    current = api.get(url).json()["row_version"]
    assert api.patch(url, {field: "first"}, format="json").status_code == 200
    response = api.patch(url, {field: "second", "row_version": current}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["row_version"] == current + 1
    model = {"agreements": Agreement, "engagements": Engagement, "action-items": ActionItem}[kind]
    assert getattr(model.objects.get(pk=record.pk), field) == "first"


def test_api_patches_of_different_fields_without_a_version_both_stay(api, greek_ministry):
    url = f"/api/v1/organizations/{greek_ministry.pk}/"
    assert api.patch(url, {"acronym": "HMD"}, format="json").status_code == 200
    assert api.patch(url, {"website": "https://example.gr"}, format="json").status_code == 200
    stored = Organization.objects.get(pk=greek_ministry.pk)
    assert (stored.acronym, stored.website) == ("HMD", "https://example.gr")


def test_api_put_without_a_version_answers_428(api, visit):
    response = api.put(
        f"/api/v1/engagements/{visit.pk}/",
        {
            "kind": "delegation",
            "title_ar": "x",
            "title_en": "x",
            "starts_on": str(date(2026, 3, 10)),
        },
        format="json",
    )
    assert response.status_code == 428


def test_a_quick_status_change_from_an_old_list_is_refused(client, officer, visit):
    action = _action(visit, officer)
    services.action_set_status(by=officer, action=action, status="in_progress")
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("partners:action_status", args=[action.pk]),
        {"status": "done", "row_version": 1},  # the list was loaded before the change
        HTTP_HX_REQUEST="true",
    )
    assert "Someone else changed this action meanwhile" in response.content.decode()
    assert ActionItem.objects.get(pk=action.pk).status == "in_progress"
    fresh = client.post(
        reverse("partners:action_status", args=[action.pk]),
        {"status": "done", "row_version": ActionItem.objects.get(pk=action.pk).row_version},
        HTTP_HX_REQUEST="true",
    )
    assert fresh.status_code == 200 and ActionItem.objects.get(pk=action.pk).status == "done"
