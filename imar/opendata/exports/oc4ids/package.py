"""OC4IDS 0.9 project package JSON, streamed one project at a time.

Code mappings (status, party roles, organisation identifiers) are in `codes.py`; sectors in
`portfolio.sectors`. The package never depends on who asks for it: English text in the
one-language fields (`language: "en"`, Arabic only where a project has no English), country
names from their codes, absolute links from the site's address.

Money, so that totals agree with the other formats: `budget` is the project's budget;
commitments are the budget's sources (`budget.budgetBreakdowns`, one entry per commitment,
with its `sourceParty`); `transactions` are the payments (disbursements and expenditures)
that name both payer and payee. Contracts are `contractingProcesses`: the procurement's
public processes (from its published OCDS, `contracting.py`) and the partners agreements of
kind contract that no such process already records.

Places: the municipality with its OCHA p-code and the district with its ISO 3166-2 code as
`locations[].gazetteer` (see `_locations`).
"""

import json
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, reverse
from django.utils.translation import get_language

from imar.opendata.codes import (
    OC4IDS_FUND_ROLES,
    OC4IDS_PARTY_ROLE,
    country_name_en,
    oc4ids_contract_status,
    oc4ids_document_type,
    oc4ids_status,
    org_id_parts,
)
from imar.opendata.documents import document_url, project_page_url, site_url
from imar.opendata.exports.iati.activities import data_updated
from imar.opendata.exports.oc4ids.contracting import contracting_process
from imar.opendata.records import OrganizationRecord, ProjectRecord, fund_record, iter_records
from imar.opendata.source import (
    fund_identifier,
    identifier_of,
    oc4ids_project_id,
    require_publication,
)
from imar.portfolio.sectors import SECTOR_CODES

OC4IDS_VERSION = "0.9"
PAYMENTS = ("disbursement", "expenditure")


def _value(amount, currency: str) -> dict:
    # Decimal → float only at the edge: JSON has no decimal type, and the schema wants numbers.
    return {"amount": float(amount), "currency": currency}


def _datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def party_id(organization: OrganizationRecord) -> str:
    """One id per organization: its organisation identifier when it has one (the fund's is
    the setting), else a local `org-<pk>`."""
    if organization.is_fund:
        return fund_identifier()
    return organization.iati_identifier or f"org-{organization.pk}"


def _party(organization: OrganizationRecord) -> dict:
    party = {
        "id": party_id(organization),
        "name": organization.name,
        "address": {"countryName": country_name_en(str(organization.country))},
        "roles": list(OC4IDS_FUND_ROLES) if organization.is_fund else [],
    }
    if organization.iati_identifier:
        scheme, identifier = org_id_parts(organization.iati_identifier)
        party["identifier"] = {"scheme": scheme, "id": identifier}
    return party


def _fund_party(fund: OrganizationRecord) -> dict:
    return _party(fund)


def _org_ref(organization: OrganizationRecord) -> dict:
    return {"id": party_id(organization), "name": organization.name}


def _add_role(parties: dict, organization: OrganizationRecord, role: str) -> None:
    party = parties.setdefault(party_id(organization), _party(organization))
    if role not in party["roles"]:
        party["roles"].append(role)


def _parties(project: ProjectRecord, fund: OrganizationRecord) -> dict[str, dict]:
    parties = {party_id(fund): _fund_party(fund)}
    for participation in project.participations:
        _add_role(parties, participation.organization, OC4IDS_PARTY_ROLE[participation.role])
    # Organizations named by money are referenced by id, so they must be parties too.
    for transaction in project.transactions:
        if transaction.kind in PAYMENTS and transaction.receiver is not None:
            _add_role(parties, transaction.provider, "payer")
            _add_role(parties, transaction.receiver, "payee")
        elif transaction.kind == "commitment":
            _add_role(parties, transaction.provider, "funder")
    return parties


def _period(start, end) -> dict | None:
    period = {}
    if start:
        period["startDate"] = _datetime(start)
    if end:
        period["endDate"] = _datetime(end)
    return period or None


def _budget(project: ProjectRecord) -> dict | None:
    if project.budget is None:
        return None
    budget = {"amount": _value(project.budget, project.currency)}
    commitments = [
        {
            "id": f"T{t.pk}",
            "description": "Commitment",
            "amount": _value(t.amount, t.currency),
            "sourceParty": _org_ref(t.provider),
            "approvalDate": _datetime(t.date),
        }
        for t in project.transactions
        if t.kind == "commitment"
    ]
    if commitments:
        budget["budgetBreakdowns"] = [
            {
                "id": "commitments",
                "description": "Commitments: the amounts each funder committed",
                "budgetBreakdown": commitments,
            }
        ]
    return budget


def _completion(project: ProjectRecord) -> dict | None:
    if not project.actual_end:
        return None
    completion = {"endDate": _datetime(project.actual_end)}
    if project.figures is not None:
        completion["finalValue"] = _value(project.figures.spent_lyd, "LYD")
    completion["finalScope"] = project.description_en or project.title_en or project.title_ar
    return completion


def _benefits(project: ProjectRecord) -> list[dict]:
    if not project.beneficiaries:
        return []
    return [
        {
            "title": "People served",
            "beneficiaries": [
                {
                    "description": f"Residents of {project.municipality.name_en}",
                    "numberOfPeople": project.beneficiaries,
                }
            ],
        }
    ]


def _procurement_referrer(parties: dict, organizations: dict):
    """`refer(ocds_party, role)` for `contracting.contracting_process`: an organization the
    fund knows is its one party (the same id as everywhere in the package); another keeps
    the id and name the OCDS gives it."""

    def refer(ocds_party: dict, role: str) -> dict:
        organization = organizations.get(ocds_party["id"])
        if organization is not None:
            _add_role(parties, organization, role)
            return _org_ref(organization)
        party = parties.setdefault(
            ocds_party["id"], {"id": ocds_party["id"], "name": ocds_party.get("name", "")}
        )
        party.setdefault("roles", [])
        if role not in party["roles"]:
            party["roles"].append(role)
        return {"id": party["id"], "name": party["name"]}

    return refer


@lru_cache(maxsize=8)
def _contracting_path(language: str | None, urlconf: str) -> str:
    """The contracting download's path (`reverse` costs more than a project's processes)."""
    return reverse("opendata:contracting", urlconf=urlconf)


def _contracting_processes(
    project: ProjectRecord, fund: OrganizationRecord, parties: dict, base_url: str
) -> list[dict]:
    processes = []
    recorded = set()  # agreements a procurement contract already stands for
    release_url = (
        base_url
        + _contracting_path(get_language(), get_urlconf() or settings.ROOT_URLCONF)
        + f"?code={project.code}"
    )
    for procurement in project.procurement:
        processes.append(
            contracting_process(
                procurement.ocid,
                procurement.compiled,
                list(procurement.releases),
                refer=_procurement_referrer(parties, procurement.organizations),
                release_url=release_url,
            )
        )
        if procurement.agreement_id is not None:
            recorded.add(procurement.agreement_id)
    for contract in project.contracts:
        if contract.pk in recorded:
            continue
        _add_role(parties, fund, "procuringEntity")
        summary = {
            "title": contract.title_en or contract.title_ar,
            "nature": ["construction"],
            "status": oc4ids_contract_status(contract.status),
            "tender": {"procuringEntity": _org_ref(fund)},
        }
        if contract.reference:
            summary["externalReference"] = contract.reference
        if contract.value is not None and contract.currency:
            summary["contractValue"] = _value(contract.value, contract.currency)
        start = contract.effective_from or contract.signed_on
        if period := _period(start, contract.ends_on):
            summary["contractPeriod"] = period
        processes.append({"id": f"contract-{contract.pk}", "summary": summary})
    return processes


# Gazetteer schemes (`locations[].gazetteer.scheme`, the open codelist locationGazetteers.csv
# shipped in schemas/oc4ids/codelists). Its codes are NUTS, ISO2 (countries), GEONAMES, OSMN,
# OSMR, OSMW and WDPA: none holds Libya's districts or municipalities under the codes the
# fund keeps (imar.geo has no GeoNames or OpenStreetMap ids), and ISO2 names a country, not
# a place within it. The codelist is open, so the two gazetteers the fund does use are
# written under codes of their own, named after their authorities (see README "Open data"):
GAZETTEER_ISO_3166_2 = "ISO3166-2"  # ISO 3166-2 subdivision codes: Libya's 22 districts
GAZETTEER_OCHA_PCODE = "OCHA-PCODE"  # OCHA COD-AB p-codes: the 100 municipalities
GAZETTEER_SCHEMES = (GAZETTEER_ISO_3166_2, GAZETTEER_OCHA_PCODE)


def _locations(project: ProjectRecord) -> list[dict]:
    """The municipality where the project is, at the point the public may see (`geo.points`:
    the municipality's for a location-sensitive project), with its OCHA p-code; then the
    district it lies in, without a point, with its ISO 3166-2 code."""
    point = project.point
    municipality = project.municipality
    district = municipality.district
    return [
        {
            "id": "1",
            "description": municipality.name_en,
            "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
            "gazetteer": {"scheme": GAZETTEER_OCHA_PCODE, "identifiers": [municipality.pcode]},
            "address": {
                "locality": municipality.name_en,
                "region": district.name_en,
                "countryName": "Libya",
            },
        },
        {
            "id": "2",
            "description": f"{district.name_en} district",
            "gazetteer": {"scheme": GAZETTEER_ISO_3166_2, "identifiers": [district.iso_code]},
            "address": {"region": district.name_en, "countryName": "Libya"},
        },
    ]


def project_record(
    project: ProjectRecord, *, fund: OrganizationRecord, base_url: str, extras=None
) -> dict:
    """One OC4IDS project; `extras` adds milestones, transactions, metrics, documents."""
    record = {
        "id": oc4ids_project_id(project.code),
        "updated": project.updated_at.isoformat(timespec="seconds"),
        "language": "en",
        "identifiers": [
            {"id": identifier_of(project.code), "scheme": "IATI"},
            {"id": project.code, "scheme": fund_identifier()},
        ],
        "publicAuthority": _org_ref(fund),
        "title": project.title_en or project.title_ar,
        "description": project.description_en or project.title_en or project.description_ar,
        "status": oc4ids_status(project.status, project.suspended_from),
        "type": project.project_type,
        "sector": [SECTOR_CODES[project.sector].oc4ids],
        "locations": _locations(project),
        "parties": [],  # filled last: the contracting processes add the parties they name
    }
    parties = _parties(project, fund)
    if budget := _budget(project):
        record["budget"] = budget
    if period := _period(project.planned_start, project.planned_end):
        record["period"] = period
    if project.actual_start and (period := _period(project.actual_start, project.actual_end)):
        record["implementationPeriod"] = period
    if completion := _completion(project):
        record["completion"] = completion
    if benefits := _benefits(project):
        record["benefits"] = benefits
    if processes := _contracting_processes(project, fund, parties, base_url):
        record["contractingProcesses"] = processes
    record["parties"] = list(parties.values())
    for key, value in (extras or {}).items():
        if value:
            record[key] = value
    return record


def monitoring_extras(project: ProjectRecord, *, base_url: str) -> dict:
    """Milestones, payments, progress metrics and documents from the record."""
    milestones = [
        {
            "id": str(m.pk),
            "title": m.name_en or m.name_ar,
            "type": "delivery",
            "dueDate": _datetime(m.planned_date),
            **({"dateMet": _datetime(m.actual_date)} if m.actual_date else {}),
            "status": "met" if m.actual_date else "scheduled",
        }
        for m in project.milestones
    ]
    source = project_page_url(project.code, base_url)
    transactions = [
        {
            "id": f"T{t.pk}",
            "source": source,
            "date": _datetime(t.date),
            "value": _value(t.amount, t.currency),
            "payer": _org_ref(t.provider),
            "payee": _org_ref(t.receiver),
        }
        for t in project.transactions
        if t.kind in PAYMENTS and t.receiver is not None
    ]
    metrics = []
    figures = project.figures
    if figures is not None:
        period = {"startDate": _datetime(figures.as_of), "endDate": _datetime(figures.as_of)}
        metrics.append(
            {
                "id": "physicalProgress",
                "title": "Physical progress",
                "observations": [
                    {
                        "id": "1",
                        "period": period,
                        "measure": str(figures.progress_percent),
                        "unit": {"name": "percent"},
                    }
                ],
            }
        )
        if figures.budget_lyd:
            share = figures.spent_lyd / figures.budget_lyd * 100
            metrics.append(
                {
                    "id": "financialProgress",
                    "title": "Financial progress",
                    "observations": [
                        {
                            "id": "1",
                            "period": period,
                            "measure": f"{share:.2f}",
                            "unit": {"name": "percent of budget spent"},
                            "value": _value(figures.spent_lyd, "LYD"),
                        }
                    ],
                }
            )
    return {
        "milestones": milestones,
        "transactions": transactions,
        "metrics": metrics,
        "documents": documents(project, base_url=base_url),
    }


def documents(project: ProjectRecord, *, base_url: str) -> list[dict]:
    """The project's public page and documents (the portal view that streams them)."""
    entries = [
        {
            "id": "page",
            "title": "Project page",
            "url": project_page_url(project.code, base_url),
            "format": "text/html",
        }
    ]
    for d in project.documents:
        entry = {"id": str(d.pk)}
        if document_type := oc4ids_document_type(d.category):
            entry["documentType"] = document_type
        entry["title"] = d.title_en or d.title_ar
        entry["url"] = document_url(project.code, d.pk, base_url)
        entry["format"] = d.content_type
        published = d.document_date or d.uploaded_at.date()
        entry["datePublished"] = _datetime(published)
        entries.append(entry)
    return entries


RECORDS_PER_CHUNK = 64


def package_json(queryset, *, uri: str = "", base_url: str | None = None) -> Iterator[bytes]:
    """The OC4IDS project package for these projects, in byte chunks.

    `uri` is where this package is downloaded from (with its query string); `base_url` the
    site's address for links (default `IMAR_SITE_URL`)."""
    require_publication(oc4ids=True)
    base_url = site_url() if base_url is None else base_url
    fund = fund_record()
    published = data_updated(queryset)
    if not uri:
        uri = base_url + reverse("opendata:projects", args=["json"])
    publisher = {"name": settings.IMAR_FUND_NAME_EN}
    scheme, uid = org_id_parts(fund_identifier())
    publisher.update({"scheme": scheme, "uid": uid})
    if base_url:
        publisher["uri"] = base_url + "/"
    header = {
        "uri": uri if uri.startswith(("http://", "https://")) else f"urn:oc4ids:{uid}",
        "publishedDate": published,
        "version": OC4IDS_VERSION,
        "publisher": publisher,
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    opening = json.dumps(header, ensure_ascii=False)[:-1] + ', "projects": ['
    yield opening.encode()
    # One encoder for every record (json.dumps with options builds one per call), and the
    # records sent by the chunk of RECORDS_PER_CHUNK.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    separator, pieces = "\n", []
    for project in iter_records(queryset):
        record = project_record(
            project,
            fund=fund,
            base_url=base_url,
            extras=monitoring_extras(project, base_url=base_url),
        )
        pieces += (separator, encode(record))
        separator = ",\n"
        if len(pieces) >= 2 * RECORDS_PER_CHUNK:
            yield "".join(pieces).encode()
            pieces.clear()
    pieces.append("\n]}\n")
    yield "".join(pieces).encode()
