"""The OCDS export checked by the official tool (libcoveocds, offline, on the shipped schema)."""

import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from imar.procurement import services
from imar.procurement.exports.ocds.package import SCHEMA_DIR

pytestmark = pytest.mark.django_db


def _standard_zip() -> bytes:
    """The standard's schema folder, zipped as libcoveocds reads it (no download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("standard-1__1__5/", "")
        for path in sorted(SCHEMA_DIR.rglob("*")):
            if path.suffix in (".json", ".csv"):
                name = path.relative_to(SCHEMA_DIR).as_posix()
                archive.write(path, f"standard-1__1__5/schema/{name}")
    return buffer.getvalue()


class _ShippedSchemas:
    """Stands in for `requests` inside jsonref: the record package schema refers to the
    versioned release schema by its published URL; serve the shipped copy, refuse the rest."""

    prefix = "https://standard.open-contracting.org/schema/1__1__5/"

    class Response:
        def __init__(self, text: str):
            self.text = text

        def raise_for_status(self):
            pass

        def json(self, **kwargs):
            return json.loads(self.text, **kwargs)

    def get(self, uri, **kwargs):
        if not uri.startswith(self.prefix):
            raise OSError(f"no network in the tests: {uri}")
        return self.Response((SCHEMA_DIR / uri.removeprefix(self.prefix)).read_text())


@pytest.fixture(autouse=True)
def _offline_schemas(monkeypatch):
    import jsonref

    monkeypatch.setattr(jsonref, "requests", _ShippedSchemas())


def cove(package: dict) -> dict:
    config = LibCoveOCDSConfig()
    config.config["context"] = "api"
    config.config["standard_zip"] = _standard_zip()
    return ocds_json_output("", json_data=package, lib_cove_ocds_config=config)


def _full(walk, officer):
    process = walk()
    services.amendment_record(
        by=officer, contract=process.contract, amendment_date=date(2025, 9, 1),
        value_after=Decimal("1200000"), end_after=date(2026, 6, 30), reason="Extra works",
    )  # fmt: skip
    services.contract_terminate(
        by=officer, contract=process.contract, terminated_on=date(2025, 12, 1), reason="Default"
    )
    return process


def test_release_and_record_packages_have_zero_errors(client, walk, officer):
    _full(walk, officer)
    walk(method="direct", justification="Emergency", bids=[(Decimal(5000), "valid")])
    walk(stop="tender")  # open tender: public, no bids shown yet
    for package in ("release", "record"):
        response = client.get("/open-data/contracting.json", {"package": package})
        assert response.status_code == 200
        data = json.loads(response.content)
        result = cove(data)
        assert result["validation_errors"] == [], result["validation_errors"]
        assert not result.get("json_deref_error")
    assert data["records"] and all(
        r["compiledRelease"]["ocid"] == r["ocid"] for r in data["records"]
    )


def test_bid_details_stay_private_until_the_award(client, walk):
    process = walk(stop="evaluation")
    data = client.get("/open-data/contracting.json").json()
    mine = [r for r in data["releases"] if r["ocid"] == process.ocid]
    assert {r["tag"][0] for r in mine} == {"planning", "tender"}
    assert not any("bids" in r or "documents" in r.get("tender", {}) for r in mine)
    assert "Bidder" not in json.dumps(mine)


def test_private_projects_and_planning_are_not_published(client, walk, make_project):
    hidden = walk(project=make_project(is_public=False))
    planned = walk(stop="planning")
    data = client.get("/open-data/contracting.json").json()
    ocids = {r["ocid"] for r in data["releases"]}
    assert hidden.ocid not in ocids and planned.ocid not in ocids


def test_filters_as_the_other_downloads(client, walk, make_project):
    process = walk()
    response = client.get("/open-data/contracting.json", {"sector": "not-a-sector"})
    assert response.status_code == 400
    data = client.get("/open-data/contracting.json", {"q": process.project.code}).json()
    assert {r["ocid"] for r in data["releases"]} == {process.ocid}
    assert client.get("/open-data/contracting.json", {"package": "x"}).status_code == 400


def test_cove_finds_errors_when_there_are_some(walk, client):
    """The check can fail: a broken value is reported."""
    walk()
    data = client.get("/open-data/contracting.json").json()
    data["releases"][0]["tender"]["value"]["amount"] = "a lot"
    assert cove(data)["validation_errors"]


def test_parties_name_countries_in_english_and_the_package_its_public_address(
    client, walk, officer, settings
):
    """A release published by an officer working in Arabic still names countries in English
    (the releases say language "en"); the package's uri is the site's, with its filter."""
    settings.IMAR_SITE_URL = "https://imar.example.ly"
    with translation.override("ar"):
        process = walk()
    data = client.get(
        "/open-data/contracting.json", {"q": process.project.code}, HTTP_HOST="evil.example"
    )
    assert data.status_code in (200, 400)  # a forged Host is refused or ignored, never echoed
    data = client.get("/open-data/contracting.json", {"q": process.project.code}).json()
    assert (
        data["uri"]
        == f"https://imar.example.ly/open-data/contracting.json?q={process.project.code}"
    )
    names = {
        party["address"]["countryName"]
        for release in data["releases"]
        for party in release.get("parties", [])
        if "address" in party
    }
    assert names and not any(re.search("[\u0600-\u06ff]", name) for name in names)
