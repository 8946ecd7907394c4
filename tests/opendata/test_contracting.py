"""OC4IDS contracting processes from OCDS records (`exports/oc4ids/contracting.py`), on
hand-written releases whose expected summary is worked out by hand."""

import pytest

from imar.opendata.exports.oc4ids.contracting import (
    contracting_process,
    modifications,
    process_status,
)

OCID = "ocds-ab12cd-P-1-1"
BUYER = {"id": "IMAR-ORG-1", "name": "Ministry", "roles": ["procuringEntity"]}
A = {"id": "IMAR-ORG-2", "name": "A Co.", "roles": ["tenderer", "supplier"]}
B = {"id": "IMAR-ORG-3", "name": "B Co.", "roles": ["tenderer"]}


def _value(amount):
    return {"amount": amount, "currency": "LYD"}


def _period(end):
    return {"startDate": "2025-04-01T00:00:00Z", "endDate": end}


def _contract(value, end, status="active", amendments=()):
    contract = {"id": f"{OCID}-contract-1", "status": status, "value": _value(value)}
    contract["period"] = _period(end)
    if amendments:
        contract["amendments"] = list(amendments)
    return contract


RELEASES = [
    {"id": f"{OCID}-planning", "tag": ["planning"], "date": "2025-01-01T00:00:00Z"},
    {"id": f"{OCID}-tender", "tag": ["tender"], "date": "2025-01-02T00:00:00Z"},
    {"id": f"{OCID}-award", "tag": ["award"], "date": "2025-03-01T00:00:00Z"},
    {
        "id": f"{OCID}-contract",
        "tag": ["contract"],
        "date": "2025-03-20T00:00:00Z",
        "contracts": [_contract(900, "2026-03-31T00:00:00Z")],
    },
    {
        "id": f"{OCID}-amendment-1",
        "tag": ["contractAmendment"],
        "date": "2025-09-01T00:00:00Z",
        "contracts": [
            _contract(
                1200,
                "2026-06-30T00:00:00Z",
                amendments=[{"id": "am-1", "date": "2025-09-01T00:00:00Z", "rationale": "More"}],
            )
        ],
    },
    {
        "id": f"{OCID}-amendment-2",
        "tag": ["contractAmendment"],
        "date": "2025-10-01T00:00:00Z",
        "contracts": [
            _contract(
                1200,
                "2026-09-30T00:00:00Z",
                amendments=[{"id": "am-1"}, {"id": "am-2", "rationale": "Rain"}],
            )
        ],
    },
    {
        "id": f"{OCID}-termination",
        "tag": ["contractTermination"],
        "date": "2025-12-01T00:00:00Z",
        "contracts": [_contract(1200, "2026-09-30T00:00:00Z", status="terminated")],
    },
]
COMPILED = {
    "ocid": OCID,
    "parties": [BUYER, A, B],
    "tender": {
        "title": "School rehabilitation",
        "status": "complete",
        "procurementMethod": "open",
        "value": _value(1000),
        "numberOfTenderers": 2,
        "procuringEntity": {"id": BUYER["id"], "name": BUYER["name"]},
    },
    "awards": [
        {"id": "aw-0", "status": "cancelled", "suppliers": [{"id": B["id"], "name": B["name"]}]},
        {"id": "aw-1", "status": "active", "suppliers": [{"id": A["id"], "name": A["name"]}]},
    ],
    "contracts": [_contract(1200, "2026-09-30T00:00:00Z", status="terminated")],
}


def _refer(seen):
    def refer(party, role):
        seen.append((party["id"], role))
        return {"id": party["id"].lower(), "name": party["name"]}

    return refer


def test_summary_of_a_terminated_contract_worked_by_hand():
    seen = []
    process = contracting_process(
        OCID, COMPILED, RELEASES, refer=_refer(seen), release_url="https://x/c.json?code=P-1"
    )
    summary = process["summary"]
    assert process["id"] == summary["ocid"] == OCID
    assert summary["status"] == "closed"  # its only contract has ended
    assert summary["tender"] == {
        "procurementMethod": "open",
        "datePublished": "2025-01-02T00:00:00Z",
        "costEstimate": _value(1000),
        "numberOfTenderers": 2,
        "tenderers": [{"id": "imar-org-2", "name": "A Co."}, {"id": "imar-org-3", "name": "B Co."}],
        "procuringEntity": {"id": "imar-org-1", "name": "Ministry"},
    }
    assert summary["suppliers"] == [{"id": "imar-org-2", "name": "A Co."}]  # not the cancelled
    assert summary["contractValue"] == summary["finalValue"] == _value(1200)
    assert summary["contractPeriod"] == _period("2026-09-30T00:00:00Z")
    assert [m["id"] for m in summary["modifications"]] == ["am-1", "am-2"]
    assert [r["id"] for r in process["releases"]] == [r["id"] for r in RELEASES]
    assert {r["url"] for r in process["releases"]} == {"https://x/c.json?code=P-1"}
    assert set(seen) == {
        ("IMAR-ORG-2", "tenderer"),
        ("IMAR-ORG-3", "tenderer"),
        ("IMAR-ORG-1", "procuringEntity"),
        ("IMAR-ORG-2", "supplier"),
    }


def test_modifications_carry_what_changed_before_and_after():
    first, second = modifications(RELEASES)
    assert first["type"] == "value" and first["releaseID"] == f"{OCID}-amendment-1"
    assert (first["oldContractValue"], first["newContractValue"]) == (_value(900), _value(1200))
    assert first["oldContractPeriod"]["endDate"] == "2026-03-31T00:00:00Z"
    assert first["rationale"] == "More" and first["date"] == "2025-09-01T00:00:00Z"
    assert second["type"] == "duration"  # same value, later end
    assert second["oldContractPeriod"]["endDate"] == "2026-06-30T00:00:00Z"
    assert second["newContractPeriod"]["endDate"] == "2026-09-30T00:00:00Z"
    assert modifications(RELEASES[:4]) == []


@pytest.mark.parametrize(
    ("compiled", "status"),
    [
        ({"tender": {"status": "active"}}, "pre-award"),
        ({"tender": {"status": "cancelled"}}, "closed"),
        ({"tender": {"status": "complete"}, "awards": [{"status": "active"}]}, "active"),
        ({"awards": [{"status": "pending"}], "tender": {"status": "unsuccessful"}}, "closed"),
        ({"contracts": [{"status": "active"}, {"status": "terminated"}]}, "active"),
        ({"contracts": [{"status": "terminated"}, {"status": "cancelled"}]}, "closed"),
    ],
)
def test_status_follows_the_codelist_business_logic(compiled, status):
    assert process_status(compiled) == status
