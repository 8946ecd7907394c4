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


@pytest.mark.parametrize("prefix", ["", "ocds-imar", "OCDS-ABCDEF", "xxdemo"])
def test_contracting_data_needs_a_registered_ocid_prefix(client, world, settings, prefix):
    settings.IMAR_OCID_PREFIX = prefix
    client.cookies["imar_language"] = "en"
    response = client.get("/open-data/contracting.json")
    assert response.status_code == 503
    page = response.content.decode()
    assert "IMAR_OCID_PREFIX" in page and '"releases"' not in page
    assert ("not set" in page) == (prefix == "")
    # The open-data page says why, beside the OCDS entry, and links no download.
    index = client.get("/open-data/").content.decode()
    assert "IMAR_OCID_PREFIX" in index and "/open-data/contracting.json" not in index
    # The other formats do not need it.
    assert client.get("/open-data/projects.xml").status_code == 200
    client.cookies["imar_language"] = "ar"
    assert "IMAR_OCID_PREFIX" in client.get("/open-data/contracting.json").content.decode()
    assert (
        "لم تُنشر البيانات المفتوحة بعد"
        in client.get("/open-data/contracting.json").content.decode()
    )


def test_contracting_data_is_published_once_the_prefix_is_set(client, world, settings):
    settings.IMAR_OCID_PREFIX = "ocds-ab12cd"
    response = client.get("/open-data/contracting.json?package=record")
    assert response.status_code == 200
    assert response.json()["records"] == []  # the world has no contracting process
    assert "/open-data/contracting.json" in client.get("/open-data/").content.decode()


def test_a_real_instance_has_no_ocid_prefix_and_the_demo_an_obviously_demo_one():
    import os
    import subprocess
    import sys

    from imar.opendata.source import OCID_PREFIX
    from imar.settings import IMAR_DEMO_OCID_PREFIX

    assert OCID_PREFIX.match(IMAR_DEMO_OCID_PREFIX) and "demo" in IMAR_DEMO_OCID_PREFIX
    read = "import imar.settings as s; print(repr(s.IMAR_OCID_PREFIX))"
    for demo, expected in (("false", "''"), ("true", repr(IMAR_DEMO_OCID_PREFIX))):
        env = {k: v for k, v in os.environ.items() if k != "IMAR_OCID_PREFIX"}
        env["IMAR_DEMO_DATA"] = demo
        run = subprocess.run(
            [sys.executable, "-c", read], env=env, capture_output=True, text=True, check=True
        )
        assert run.stdout.strip() == expected


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
