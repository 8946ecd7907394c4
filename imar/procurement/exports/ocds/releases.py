"""OCDS 1.1 releases of one contracting process, one per event (planning, tender, award,
contract, each amendment, implementation, termination or cancellation), each the state of
the process as it was at that event. Pure: `facts_of(process)` reads the rows once into
plain data; `build_releases(facts)` writes dicts. What the public may see is applied here
(`imar.procurement.public`): a release of the tender carries no bids and no documents; the
award and later releases carry them, once the award is published, except documents marked
"never public". The stored releases (`publish.py`) are immutable revisions of these."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.utils import timezone, translation
from django_countries import countries

from imar.procurement.enums import ProcessStatus

S = ProcessStatus
METHOD_RATIONALE_REQUIRED = ("selective", "limited", "direct")


def _when(value) -> str | None:
    """An OCDS date-time: a date is midnight UTC, a date-time is given in UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value if timezone.is_aware(value) else timezone.make_aware(value)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return datetime.combine(value, time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def _money(amount, currency) -> dict:
    amount = Decimal(amount)
    number = int(amount) if amount == amount.to_integral_value() else float(amount)
    return {"amount": number, "currency": currency}


def _party_id(organization_id: int) -> str:
    return f"IMAR-ORG-{organization_id}"


def _country_name_en(code: str) -> str:
    """The English name (the releases' language is "en"), whatever the language of the person
    whose action published the release."""
    with translation.override("en"):
        return str(countries.name(code)) or code


def facts_of(process) -> dict:
    """Everything the releases of `process` need, as plain values (one process, few queries)."""
    organizations = {}

    def org(o):
        if o is None:
            return None
        organizations[o.pk] = {
            "id": _party_id(o.pk),
            "name": o.name_en or o.name_ar,
            "country": _country_name_en(o.country.code) if o.country else "",
            "roles": organizations.get(o.pk, {}).get("roles", set()),
        }
        return o.pk

    entity = org(process.procuring_entity)
    bids = [
        {
            "id": f"{process.ocid}-bid-{b.pk}",
            "tenderer": org(b.bidder),
            "value": (b.value, b.currency),
            "date": b.received_at,
            "status": b.status,
            "reason": b.status_reason,
        }
        for b in process.bids.select_related("bidder").order_by("received_at", "id")
    ]
    award = getattr(process, "award", None)
    contract = getattr(process, "contract", None) if award else None
    facts = {
        "ocid": process.ocid,
        "status": process.status,
        "created": process.created_at,
        "project": {"code": process.project.code, "title": process.project.title_en},
        "planning": {
            "budget_line": process.budget_line,
            "estimate": (process.estimated_value, process.currency),
            "year": process.year,
        },
        "tender": {
            "title_en": process.title_en,
            "title_ar": process.title_ar,
            "description_en": process.description_en,
            "description_ar": process.description_ar,
            "eligibility_en": process.eligibility_en,
            "method": process.method,
            "justification": process.method_justification,
            "entity": entity,
            "enquiry": (process.enquiry_start, process.enquiry_end),
            "period": (process.tender_start, process.tender_end),
            "cancel_reason": process.cancel_reason,
        },
        "bids": bids,
        "documents": [
            {
                "id": f"{process.ocid}-doc-{d.pk}",
                "stage": d.stage,
                "type": d.document_type,
                "title": d.title,
                "date": d.published_on,
                "withheld": d.withheld,
            }
            for d in process.documents.all()
        ],
        "award": None,
        "contract": None,
        "organizations": organizations,
        "updated": process.updated_at,
    }
    if award is not None:
        facts["award"] = {
            "id": f"{process.ocid}-award-1",
            "supplier": org(award.supplier),
            "value": (award.value, award.currency),
            "date": award.date,
            "standstill_end": award.standstill_end,
            "complaints": award.complaints.count(),
        }
    if contract is not None:
        amendments = list(contract.amendments.order_by("date", "id"))
        first = amendments[0] if amendments else None
        facts["contract"] = {
            "id": f"{process.ocid}-contract-1",
            "contractor": org(contract.contractor),
            "signed_value": first.value_before if first else contract.value,
            "signed_end": first.end_before if first else contract.end_date,
            "currency": contract.currency,
            "date_signed": contract.date_signed,
            "start": contract.start_date,
            "terminated_on": contract.terminated_on,
            "termination_reason": contract.termination_reason,
            "amendments": [
                {
                    "id": f"{process.ocid}-amendment-{a.pk}",
                    "date": a.date,
                    "value_after": a.value_after,
                    "end_after": a.end_after,
                    "reason": a.reason,
                }
                for a in amendments
            ],
            "milestones": [
                {
                    "id": f"{process.ocid}-milestone-{m.pk}",
                    "title": m.title_en or m.title_ar,
                    "due": m.due_date,
                    "met": m.met_on,
                }
                for m in contract.milestones.all()
            ],
            "payments": [
                {
                    "id": f"{process.ocid}-payment-{p.pk}",
                    "date": p.transaction.date,
                    "value": (p.transaction.amount, p.transaction.currency),
                }
                for p in contract.payments.select_related("transaction")
            ],
        }
    return facts


def _parties(facts: dict, roles: dict[int, set[str]]) -> list[dict]:
    parties = []
    for pk, role_set in sorted(roles.items()):
        o = facts["organizations"][pk]
        party = {"id": o["id"], "name": o["name"], "roles": sorted(role_set)}
        if o["country"]:
            party["address"] = {"countryName": o["country"]}
        parties.append(party)
    return parties


def _documents(facts: dict, stages: set[str], public: bool) -> list[dict]:
    if not public:
        return []
    return [
        {
            "id": d["id"],
            "documentType": d["type"],
            "title": d["title"],
            "datePublished": _when(d["date"]),
        }
        for d in facts["documents"]
        if d["stage"] in stages and not d["withheld"]
    ]


def build_releases(facts: dict, *, publisher_uri: str = "") -> list[dict]:
    """The releases of one process, oldest first."""
    ocid = facts["ocid"]
    t = facts["tender"]
    roles: dict[int, set[str]] = {}

    def role(pk, name):
        if pk is not None:
            roles.setdefault(pk, set()).add(name)

    role(t["entity"], "procuringEntity")
    planning = {
        "budget": {
            "description": facts["planning"]["budget_line"] or facts["project"]["code"],
            "amount": _money(*facts["planning"]["estimate"]),
            "project": facts["project"]["title"],
            "projectID": facts["project"]["code"],
        }
    }
    tender = {
        "id": f"{ocid}-tender",
        "title": t["title_en"] or t["title_ar"],
        "status": "planning",
        "procurementMethod": t["method"],
        "value": _money(*facts["planning"]["estimate"]),
    }
    if t["description_en"] or t["description_ar"]:
        tender["description"] = t["description_en"] or t["description_ar"]
    if t["method"] in METHOD_RATIONALE_REQUIRED and t["justification"]:
        tender["procurementMethodRationale"] = t["justification"]
    releases = []

    def emit(stage: str, when, tags: list[str], **sections):
        release = {
            "ocid": ocid,
            "id": f"{ocid}-{stage}",
            "date": _when(when),
            "tag": tags,
            "initiationType": "tender",
            "language": "en",
            "parties": _parties(facts, roles),
            "planning": planning,
            "tender": dict(tender),
            **sections,
        }
        releases.append(release)
        return release

    start, end = t["period"]
    # A process entered after its tender opened (an import, a late record) was planned before.
    planned = min(facts["created"], start) if start else facts["created"]
    emit("planning", planned, ["planning"])
    if start is None:
        if facts["status"] == S.CANCELLED:
            tender["status"] = "cancelled"
            emit("cancellation", facts["updated"], ["tenderCancellation"])
        return releases
    tender["status"] = "active"
    tender["tenderPeriod"] = {"startDate": _when(start), "endDate": _when(end)}
    if t["enquiry"][0] and t["enquiry"][1]:
        tender["enquiryPeriod"] = {
            "startDate": _when(t["enquiry"][0]),
            "endDate": _when(t["enquiry"][1]),
        }
    if t["eligibility_en"]:
        tender["eligibilityCriteria"] = t["eligibility_en"]
    entity = facts["organizations"].get(t["entity"])
    if entity:
        tender["procuringEntity"] = {"id": entity["id"], "name": entity["name"]}
    emit("tender", start, ["tender"])
    award = facts["award"]
    if award is None:
        if facts["status"] == S.CANCELLED:
            tender["status"] = "cancelled"
            emit("cancellation", facts["updated"], ["tenderCancellation"])
        return releases
    # The award is published: bids and documents are public from here on.
    for bid in facts["bids"]:
        role(bid["tenderer"], "tenderer")
    role(award["supplier"], "supplier")
    tender["status"] = "complete"
    tender["numberOfTenderers"] = len({b["tenderer"] for b in facts["bids"]})
    tender["awardPeriod"] = {"startDate": _when(end), "endDate": _when(award["date"])}
    tender["documents"] = _documents(facts, {"tender"}, True)
    if not tender["documents"]:
        del tender["documents"]
    bids = {
        "details": [
            {
                "id": b["id"],
                "date": _when(b["date"]),
                "status": b["status"],
                "tenderers": [
                    {
                        "id": facts["organizations"][b["tenderer"]]["id"],
                        "name": facts["organizations"][b["tenderer"]]["name"],
                    }
                ],
                "value": _money(*b["value"]),
                **({"statusDetails": b["reason"]} if b["reason"] else {}),
            }
            for b in facts["bids"]
        ]
    }
    supplier = facts["organizations"][award["supplier"]]
    award_doc = {
        "id": award["id"],
        "status": "active",
        "date": _when(award["date"]),
        "value": _money(*award["value"]),
        "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
        "standstillPeriod": {
            "startDate": _when(award["date"]),
            "endDate": _when(award["standstill_end"]),
        },
    }
    award_docs = _documents(facts, {"award"}, True)
    if award_docs:
        award_doc["documents"] = award_docs
    sections = {"bids": bids} if bids["details"] else {}
    emit("award", award["date"], ["award"], awards=[award_doc], **sections)
    contract = facts["contract"]
    if contract is None:
        if facts["status"] == S.CANCELLED:
            award_doc["status"] = "cancelled"
            emit(
                "cancellation",
                facts["updated"],
                ["awardCancellation"],
                awards=[award_doc],
                **sections,
            )
        return releases
    role(contract["contractor"], "payee")
    value, end_date = contract["signed_value"], contract["signed_end"]
    contract_doc = {
        "id": contract["id"],
        "awardID": award["id"],
        "status": "active",
        "dateSigned": _when(contract["date_signed"]),
        "value": _money(value, contract["currency"]),
        "period": {"startDate": _when(contract["start"]), "endDate": _when(end_date)},
    }
    contract_docs = _documents(facts, {"contract"}, True)
    if contract_docs:
        contract_doc["documents"] = contract_docs
    base = {"awards": [award_doc], **sections}
    emit("contract", contract["date_signed"], ["contract"], contracts=[dict(contract_doc)], **base)
    amendments = []
    for number, amendment in enumerate(contract["amendments"], start=1):
        before_value = value
        value, end_date = amendment["value_after"], amendment["end_after"]
        amendments.append(
            {
                "id": amendment["id"],
                "date": _when(amendment["date"]),
                "rationale": amendment["reason"],
                "description": f"value {before_value} -> {value} {contract['currency']}; "
                f"end {end_date.isoformat()}",
                "amendsReleaseID": releases[-1]["id"],
                "releaseID": f"{ocid}-amendment-{number}",
            }
        )
        contract_doc["value"] = _money(value, contract["currency"])
        contract_doc["period"] = {"startDate": _when(contract["start"]), "endDate": _when(end_date)}
        contract_doc["amendments"] = list(amendments)
        emit(
            f"amendment-{number}",
            amendment["date"],
            ["contractAmendment"],
            contracts=[dict(contract_doc)],
            **base,
        )
    if contract["milestones"] or contract["payments"]:
        contract_doc["milestones"] = [
            {
                "id": m["id"],
                "title": m["title"],
                "dueDate": _when(m["due"]),
                "status": "met" if m["met"] else "scheduled",
                **({"dateMet": _when(m["met"])} if m["met"] else {}),
            }
            for m in contract["milestones"]
        ] or None
        if contract_doc["milestones"] is None:
            del contract_doc["milestones"]
        if contract["payments"]:
            contract_doc["implementation"] = {
                "transactions": [
                    {
                        "id": p["id"],
                        "date": _when(p["date"]),
                        "value": _money(*p["value"]),
                        "payee": {"id": supplier["id"], "name": supplier["name"]},
                    }
                    for p in contract["payments"]
                ]
            }
        dates = [p["date"] for p in contract["payments"]] + [
            m["met"] or m["due"] for m in contract["milestones"]
        ]
        emit(
            "implementation", max(dates), ["implementation"], contracts=[dict(contract_doc)], **base
        )
    if contract["terminated_on"]:
        contract_doc["status"] = "terminated"
        emit(
            "termination",
            contract["terminated_on"],
            ["contractTermination"],
            contracts=[dict(contract_doc)],
            **base,
        )
    elif facts["status"] == S.COMPLETED:
        contract_doc["status"] = "terminated"  # OCDS: the contract is no longer active
        emit(
            "completion",
            facts["updated"],
            ["contractTermination"],
            contracts=[dict(contract_doc)],
            **base,
        )
    return releases
