"""OC4IDS `contractingProcesses[]` from the procurement's published OCDS (pure: dicts in,
dicts out; no Django).

The mapping is the one of docs/procurement-oc4ids-note.md, restricted to the fields the
OC4IDS 0.9 schema has (`summary.tender` has no rationale or tender period there: those stay
in the linked OCDS releases):

- `id` and `summary.ocid`: the `ocid`; `summary.title`/`description`: the tender's;
- `summary.tender`: `procurementMethod`, `costEstimate` (the tender's estimated value),
  `datePublished` (the first tender release), `numberOfTenderers`, `tenderers` (parties with
  role tenderer), `procuringEntity`;
- `summary.suppliers`: the suppliers of the active awards; `contractValue`/`contractPeriod`:
  the last contract's; `finalValue` once that contract has ended (OCDS status `terminated`);
- `summary.modifications`: one per amendment release, with the value and period before and
  after;
- `summary.status`: `pre-award`, `active` or `closed` by the codelist's business logic;
- `releases[]`: each stored release's id, tag and date, with the URL it is downloaded from.

Organizations are referenced through `refer(ocds_party, role)`, which adds the party to the
project's parties and returns the OC4IDS organization reference.
"""

from collections.abc import Callable

ENDED_TENDER = ("cancelled", "unsuccessful", "withdrawn")
ENDED_CONTRACT = ("terminated", "cancelled")


def process_status(compiled: dict) -> str:
    """OC4IDS contractingProcessStatus: active once a contract is awarded until every
    contract has ended; closed when it ended (with or without a contract)."""
    contracts = compiled.get("contracts") or []
    awards = [a for a in compiled.get("awards") or [] if a.get("status") == "active"]
    if contracts:
        if all(c.get("status") in ENDED_CONTRACT for c in contracts):
            return "closed"
        return "active"
    if awards:
        return "active"
    if (compiled.get("tender") or {}).get("status") in ENDED_TENDER:
        return "closed"
    return "pre-award"


def modifications(releases: list[dict]) -> list[dict]:
    """One modification per contract amendment release, in order: what changed, why, and
    the contract's value and period before and after it."""
    found = []
    value = period = None
    for release in releases:
        contracts = release.get("contracts") or []
        if not contracts:
            continue
        contract = contracts[-1]
        if "contractAmendment" in release.get("tag", ()) and contract.get("amendments"):
            amendment = contract["amendments"][-1]
            new_value, new_period = contract.get("value"), contract.get("period")
            modification = {"id": amendment["id"], "releaseID": release["id"]}
            for key, item in (
                ("date", amendment.get("date")),
                ("description", amendment.get("description")),
                ("rationale", amendment.get("rationale")),
            ):
                if item:
                    modification[key] = item
            if value != new_value:
                modification["type"] = "value"
            elif period != new_period:
                modification["type"] = "duration"
            for key, item in (
                ("oldContractValue", value),
                ("newContractValue", new_value),
                ("oldContractPeriod", period),
                ("newContractPeriod", new_period),
            ):
                if item:
                    modification[key] = item
            found.append(modification)
        value, period = contract.get("value"), contract.get("period")
    return found


def contracting_process(
    ocid: str,
    compiled: dict,
    releases: list[dict],
    *,
    refer: Callable[[dict, str], dict],
    release_url: str,
) -> dict:
    """The OC4IDS contracting process of one OCDS record (`compiled` and its `releases`)."""
    parties = {party["id"]: party for party in compiled.get("parties") or []}

    def ref(reference: dict, role: str) -> dict:
        return refer(parties.get(reference["id"], reference), role)

    tender = compiled.get("tender") or {}
    summary: dict = {"ocid": ocid}
    if title := tender.get("title"):
        summary["title"] = title
    if description := tender.get("description"):
        summary["description"] = description
    summary["status"] = process_status(compiled)
    summary_tender: dict = {}
    if method := tender.get("procurementMethod"):
        summary_tender["procurementMethod"] = method
    tender_dates = [r["date"] for r in releases if "tender" in r.get("tag", ())]
    if tender_dates:
        summary_tender["datePublished"] = min(tender_dates)
    if estimate := tender.get("value"):
        summary_tender["costEstimate"] = estimate
    if "numberOfTenderers" in tender:
        summary_tender["numberOfTenderers"] = tender["numberOfTenderers"]
    tenderers = [
        ref(party, "tenderer")
        for party in compiled.get("parties") or []
        if "tenderer" in party.get("roles", ())
    ]
    if tenderers:
        summary_tender["tenderers"] = tenderers
    if entity := tender.get("procuringEntity"):
        summary_tender["procuringEntity"] = ref(entity, "procuringEntity")
    if summary_tender:
        summary["tender"] = summary_tender
    suppliers: dict[str, dict] = {}
    for award in compiled.get("awards") or []:
        if award.get("status") == "active":
            for supplier in award.get("suppliers") or []:
                suppliers.setdefault(supplier["id"], ref(supplier, "supplier"))
    if suppliers:
        summary["suppliers"] = list(suppliers.values())
    contracts = compiled.get("contracts") or []
    if contracts:
        last = contracts[-1]
        if value := last.get("value"):
            summary["contractValue"] = value
            if last.get("status") in ENDED_CONTRACT:
                summary["finalValue"] = value
        if period := last.get("period"):
            summary["contractPeriod"] = period
    if changes := modifications(releases):
        summary["modifications"] = changes
    return {
        "id": ocid,
        "summary": summary,
        "releases": [
            {"id": r["id"], "tag": list(r["tag"]), "date": r["date"], "url": release_url}
            for r in releases
        ],
    }
