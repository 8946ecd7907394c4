"""/api/v1/aid/activities/: the fields and filters the issue names, and the detail."""

import pytest

from imar.aid import services
from imar.aid.models import DonorActivity
from tests.aid import files
from tests.aid.files import activity, iati_file, transaction

pytestmark = pytest.mark.django_db
URL = "/api/v1/aid/activities/"


@pytest.fixture
def imported(do_import, water_project):
    do_import(files.SDC)
    do_import(
        iati_file(
            activity(
                "US-GOV-1-LY-1",
                transactions=[
                    transaction("2", "100", currency="USD"),
                    transaction("2", "50", currency="EUR"),
                    transaction("3", "40", currency="USD"),
                    transaction("3", "2.5", currency="USD"),
                ],
            ),
            activity("US-GOV-1-LY-2", location=None, status="4", sectors=(("11120", "100"),)),
        )
    )


def test_list_items_have_exactly_the_named_fields(client, imported):
    data = client.get(URL).json()
    assert data["count"] == 8
    item = next(i for i in data["results"] if i["iati_identifier"] == "US-GOV-1-LY-1")
    assert {"iati_identifier", "reporting_org", "title", "districts", "transaction_totals"} <= set(
        item
    )
    assert item["reporting_org"] == {
        "ref": "US-GOV-1",
        "name": "U.S. Agency for International Development",
    }
    assert item["title"] == "Derna water network rehabilitation"
    assert [d["iso_code"] for d in item["districts"]] == ["LY-DR"]
    assert item["transaction_totals"] == {
        "2": {"EUR": "50.00", "USD": "100.00"},
        "3": {"USD": "42.50"},
    }


def ids(client, **params):
    return sorted(i["iati_identifier"] for i in client.get(URL, params).json()["results"])


def test_filters(client, imported, officer, water_project):
    assert ids(client, reporting_org="US-GOV-1") == ["US-GOV-1-LY-1", "US-GOV-1-LY-2"]
    assert ids(client, district="LY-DR") == ["US-GOV-1-LY-1"]
    assert ids(client, sector="education") == ["US-GOV-1-LY-2"]
    assert ids(client, sector="11120") == ["US-GOV-1-LY-2"]
    assert ids(client, status="4") == ["US-GOV-1-LY-2"]
    assert ids(client, linked="true") == []
    donor = DonorActivity.objects.get(iati_identifier="US-GOV-1-LY-1")
    services.link_decide(by=officer, activity=donor, project=water_project, status="confirmed")
    assert ids(client, linked="true") == ["US-GOV-1-LY-1"]
    assert "US-GOV-1-LY-1" not in ids(client, linked="false")


def test_bad_filter_values_are_400_or_ignored_never_500(client, imported):
    assert client.get(URL, {"status": "99"}).status_code == 400
    response = client.get(URL, {"linked": "maybe"})  # django-filter's boolean: unknown = any
    assert response.status_code == 200 and response.json()["count"] == 8
    assert client.get(URL, {"district": "LY-XX"}).json()["count"] == 0


def test_detail_has_transactions_and_public_links_only(client, imported, officer, water_project):
    donor = DonorActivity.objects.get(iati_identifier="US-GOV-1-LY-1")
    data = client.get(f"{URL}{donor.pk}/").json()
    assert len(data["transactions"]) == 4
    assert data["transactions"][0]["type_code"] == "2"
    assert data["links"] == []  # a suggestion is not public
    assert "original_xml" not in data and "warnings" not in data
    client.force_login(officer)
    staff = client.get(f"{URL}{donor.pk}/").json()
    assert [(link["project_code"], link["status"]) for link in staff["links"]] == [
        (water_project.code, "suggested")
    ]
    services.link_decide(by=officer, activity=donor, project=water_project, status="confirmed")
    client.logout()
    public = client.get(f"{URL}{donor.pk}/").json()
    assert [link["project_code"] for link in public["links"]] == [water_project.code]


def test_public_off_hides_everything_from_anonymous(client, imported, settings):
    settings.IMAR_AID_PUBLIC = False
    assert client.get(URL).json()["count"] == 0


def test_writes_are_not_allowed(client, officer, imported):
    client.force_login(officer)
    assert client.post(URL, {}).status_code == 405
