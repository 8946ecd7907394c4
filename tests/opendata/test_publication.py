"""Publication needs the publisher's own identifiers: none is invented, nothing is published
until they are set, and every door says why."""

import pytest
from django.core.management import CommandError, call_command

from imar.opendata.validation import format_checker, oc4ids_errors
from imar.organizations.identifiers import validate_org_identifier
from imar.partners.forms import OrganizationForm


@pytest.mark.parametrize(
    "path", ["/open-data/projects.xml", "/open-data/projects.csv", "/open-data/organisation.xml"]
)
def test_without_the_fund_identifier_downloads_answer_503_with_the_reason(
    client, world, settings, path
):
    settings.IMAR_FUND_IATI_ID = ""
    response = client.get(path)
    assert response.status_code == 503
    assert "IMAR_FUND_IATI_ID" in response.content.decode()
    assert "<iati-activity" not in response.content.decode()


def test_the_reason_is_translated_for_an_arabic_visitor(client, world, settings):
    settings.IMAR_FUND_IATI_ID = ""
    client.cookies["imar_language"] = "ar"
    page = client.get("/open-data/projects.xml").content.decode()
    assert "لم تُنشر البيانات المفتوحة بعد" in page
    assert "IMAR_FUND_IATI_ID" in page


def test_the_open_data_page_says_why_nothing_is_published(client, db, settings):
    settings.IMAR_FUND_IATI_ID = ""
    settings.IMAR_OC4IDS_PREFIX = ""
    page = client.get("/open-data/").content.decode()
    assert "IMAR_FUND_IATI_ID" in page and "IMAR_OC4IDS_PREFIX" in page
    settings.IMAR_FUND_IATI_ID = "XX-TEST-FUND"
    settings.IMAR_OC4IDS_PREFIX = "xxtest"
    page = client.get("/open-data/").content.decode()
    assert "IMAR_FUND_IATI_ID" not in page
    assert "/open-data/projects.json" in page


def test_oc4ids_needs_its_prefix_and_the_other_formats_do_not(client, world, settings):
    settings.IMAR_OC4IDS_PREFIX = ""
    response = client.get("/open-data/projects.json")
    assert response.status_code == 503
    assert "IMAR_OC4IDS_PREFIX" in response.content.decode()
    assert client.get("/open-data/projects.xml").status_code == 200
    settings.IMAR_OC4IDS_PREFIX = "NOT-SIX"
    client.cookies["imar_language"] = "en"
    assert "six" in client.get("/open-data/projects.json").content.decode()


def test_an_invalid_fund_identifier_is_refused(client, world, settings):
    settings.IMAR_FUND_IATI_ID = "Libya fund/1"
    client.cookies["imar_language"] = "en"
    response = client.get("/open-data/projects.xml")
    assert response.status_code == 503
    assert "not a valid organisation identifier" in response.content.decode()


def test_the_export_command_refuses_too(world, settings, tmp_path):
    settings.IMAR_FUND_IATI_ID = ""
    with pytest.raises(CommandError, match="IMAR_FUND_IATI_ID"):
        call_command("export", "csv", "--output", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
    settings.IMAR_FUND_IATI_ID = "XX-TEST-FUND"
    settings.IMAR_SITE_URL = ""
    with pytest.raises(CommandError, match="site-url"):
        call_command("export", "oc4ids", "--output", str(tmp_path / "out.json"))


def test_the_uri_checker_rejects_what_is_not_a_uri():
    checker = format_checker()
    assert checker.conforms("https://imar.test/public/projects/DRN-001/", "uri")
    for bad in ["IATI", "/public/projects/DRN-001/", "https://exa mple.test/"]:
        assert not checker.conforms(bad, "uri"), bad
    package = {
        "version": "0.9",
        "uri": "https://imar.test/p.json",
        "publishedDate": "2025-01-01T00:00:00Z",
        "publisher": {"name": "X"},
        "projects": [{"id": "oc4ids-xxtest-1", "transactions": [{"id": "1", "source": "IATI"}]}],
    }
    assert oc4ids_errors(package) == ["projects/0/transactions/0/source: 'IATI' is not a 'uri'"]


@pytest.mark.parametrize("value", ["XM-DAC-41114", "44000", "XI-IATI-EC_NEAR", "GB-COH-01234567"])
def test_real_organisation_identifiers_are_accepted(value):
    validate_org_identifier(value)


@pytest.mark.parametrize("value", ["World Bank", "xm-dac-1", "GB-COH-1/2", "LY-DRF?x"])
def test_malformed_organisation_identifiers_are_refused(value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_org_identifier(value)


def test_staff_edit_the_identifier_in_the_organization_form(db):
    data = {
        "name_ar": "البنك الدولي",
        "name_en": "World Bank",
        "kind": "multilateral",
        "country": "US",
    }
    form = OrganizationForm(data={**data, "iati_identifier": "World Bank"})
    assert not form.is_valid()
    assert "iati_identifier" in form.errors
    form = OrganizationForm(data={**data, "iati_identifier": " 44000 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["iati_identifier"] == "44000"
