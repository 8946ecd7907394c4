import json

from django.core.management import call_command

from imar.opendata.exports.oc4ids.package import package_json
from imar.opendata.source import export_projects
from imar.opendata.validation import oc4ids_errors
from tests.opendata.conftest import assert_no_sentinel


def _package(params=None) -> dict:
    return json.loads(b"".join(package_json(export_projects(params))))


def test_package_is_valid_against_oc4ids_schema(world):
    package = _package()
    assert oc4ids_errors(package) == []
    assert package["version"] == "0.9"


def test_package_holds_only_public_projects(world):
    package = _package()
    assert_no_sentinel(json.dumps(package, ensure_ascii=False))
    assert [p["id"] for p in package["projects"]] == [
        "oc4ids-xxtest-DRN-001",
        "oc4ids-xxtest-TRP-002",
    ]
    # The IATI identifier, and the fund's own code, are the project's other identifiers.
    assert package["projects"][0]["identifiers"] == [
        {"id": "XX-TEST-FUND-DRN-001", "scheme": "IATI"},
        {"id": "DRN-001", "scheme": "XX-TEST-FUND"},
    ]


def test_project_maps_status_type_sector_location_budget_and_parties(world):
    (project,) = _package({"district": "LY-DR"})["projects"]
    assert project["status"] == "implementation"
    assert project["type"] == "rehabilitation"
    assert project["sector"] == ["socialHousing"]
    location = project["locations"][0]
    assert location["geometry"] == {"type": "Point", "coordinates": [22.64, 32.76]}
    assert location["address"]["region"] == "Derna"
    assert project["budget"]["amount"] == {"amount": 2500000.0, "currency": "LYD"}
    roles = {party["name"]: party["roles"] for party in project["parties"]}
    assert roles["Anadolu Construction"] == ["supplier", "payee"]
    # The ministry committed money (a funder of the budget) and paid the contractor.
    assert roles["Ministry of Housing and Construction"] == ["publicAuthority", "funder", "payer"]
    assert "funder" in roles["Development and Reconstruction Fund of Libya"]


def test_invalid_status_would_be_caught_by_the_validator(world):
    package = _package()
    package["projects"][0]["status"] = "approved"
    assert any("status" in error for error in oc4ids_errors(package))


def test_completed_project_has_completion_date(world):
    (project,) = _package({"status": "completed"})["projects"]
    assert project["status"] == "completion"
    assert project["completion"]["endDate"].startswith("2025-05-01")


def test_export_command_oc4ids_to_stdout_is_valid(world):
    from io import StringIO

    out = StringIO()
    call_command("export", "oc4ids", "--q", "درنه", stdout=out)
    package = json.loads(out.getvalue())
    assert oc4ids_errors(package) == []
    assert [p["identifiers"][1]["id"] for p in package["projects"]] == ["DRN-001"]


def test_project_has_milestones_transactions_and_progress_metrics(world):
    (project,) = _package({"district": "LY-DR"})["projects"]
    assert [(m["title"], m["status"]) for m in project["milestones"]] == [
        ("Foundations", "met"),
        ("Structure", "scheduled"),
    ]
    # Payments only; the commitment is a source of the budget.
    assert [t["value"]["amount"] for t in project["transactions"]] == [500000.0]
    (commitments,) = project["budget"]["budgetBreakdowns"]
    assert [
        (c["amount"]["amount"], c["sourceParty"]["name"]) for c in commitments["budgetBreakdown"]
    ] == [(2000000.0, "Ministry of Housing and Construction")]
    payee = project["transactions"][0]["payee"]["id"]
    assert "payee" in {p["id"]: p["roles"] for p in project["parties"]}[payee]
    metrics = {m["id"]: m["observations"][0] for m in project["metrics"]}
    assert metrics["physicalProgress"]["measure"] == "20.00"
    assert metrics["financialProgress"]["measure"] == "10.00"
