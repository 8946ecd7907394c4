"""OC4IDS 0.9 project package JSON, streamed one project at a time.

Code mappings (status, party roles) are in `codes.py`; sectors in `portfolio.sectors`.
"""

import json
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from imar.opendata.codes import (
    OC4IDS_FUND_ROLES,
    OC4IDS_PARTY_ROLE,
    oc4ids_document_type,
    oc4ids_status,
)
from imar.opendata.documents import document_url
from imar.opendata.records import OrganizationRecord, ProjectRecord, iter_records
from imar.opendata.source import fund_identifier, project_identifier
from imar.portfolio.sectors import SECTOR_CODES

OC4IDS_VERSION = "0.9"


def _value(amount, currency: str) -> dict:
    # Decimal → float only at the edge: JSON has no decimal type, and the schema wants numbers.
    return {"amount": float(amount), "currency": currency}


def _fund_party() -> dict:
    return {
        "id": fund_identifier(),
        "name": settings.IMAR_FUND_NAME_EN,
        "identifier": {"scheme": "XI-IATI", "id": fund_identifier()},
        "address": {"countryName": "Libya"},
        "roles": list(OC4IDS_FUND_ROLES),
    }


def _party(organization: OrganizationRecord) -> dict:
    return {
        "id": f"org-{organization.pk}",
        "name": organization.name,
        "address": {"countryName": str(organization.country.name)},
        "roles": [],
    }


def _parties(project: ProjectRecord) -> list[dict]:
    parties = {fund_identifier(): _fund_party()}
    for participation in project.participations:
        organization = participation.organization
        party = parties.setdefault(f"org-{organization.pk}", _party(organization))
        if organization.iati_identifier:
            party["identifier"] = {"scheme": "XI-IATI", "id": organization.iati_identifier}
        role = OC4IDS_PARTY_ROLE[participation.role]
        if role not in party["roles"]:
            party["roles"].append(role)
    # Payers and payees of transactions are referenced by id, so they must be parties too.
    for transaction in project.transactions:
        for organization, role in (
            (transaction.provider, "payer"),
            (transaction.receiver, "payee"),
        ):
            if organization is None:
                continue
            party = parties.setdefault(f"org-{organization.pk}", _party(organization))
            if role not in party["roles"]:
                party["roles"].append(role)
    return list(parties.values())


def _period(start, end) -> dict | None:
    period = {}
    if start:
        period["startDate"] = f"{start.isoformat()}T00:00:00Z"
    if end:
        period["endDate"] = f"{end.isoformat()}T00:00:00Z"
    return period or None


def project_record(project: ProjectRecord, *, extras=None) -> dict:
    """One OC4IDS project; `extras` adds milestones, transactions, metrics, documents."""
    point = project.point
    municipality = project.municipality
    record = {
        "id": project_identifier(project),
        "updated": project.updated_at.isoformat(timespec="seconds"),
        "language": "en",
        "identifiers": [{"id": project.code, "scheme": fund_identifier()}],
        "publicAuthority": {"id": fund_identifier(), "name": settings.IMAR_FUND_NAME_EN},
        "title": project.title_en or project.title_ar,
        "description": project.description_en or project.description_ar or project.title_en,
        "status": oc4ids_status(project.status, project.suspended_from),
        "type": project.project_type,
        "sector": [SECTOR_CODES[project.sector].oc4ids],
        "locations": [
            {
                "id": "1",
                "description": municipality.name_en,
                "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
                "address": {
                    "locality": municipality.name_en,
                    "region": municipality.district.name_en,
                    "countryName": "Libya",
                },
            }
        ],
        "parties": _parties(project),
    }
    if project.budget is not None:
        record["budget"] = {"amount": _value(project.budget, project.currency)}
    if period := _period(project.planned_start, project.planned_end):
        record["period"] = period
    if project.actual_start and (period := _period(project.actual_start, project.actual_end)):
        record["implementationPeriod"] = period
    if project.actual_end:
        record["completion"] = {"endDate": f"{project.actual_end.isoformat()}T00:00:00Z"}
    for key, value in (extras or {}).items():
        if value:
            record[key] = value
    return record


def _datetime(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _org_ref(organization: OrganizationRecord) -> dict:
    return {"id": f"org-{organization.pk}", "name": organization.name}


def monitoring_extras(project: ProjectRecord) -> dict:
    """Milestones, transactions, progress metrics and documents from the record."""
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
    transactions = []
    for t in project.transactions:
        transaction = {
            "id": f"T{t.pk}",
            "source": "IATI",
            "date": _datetime(t.date),
            "value": _value(t.amount, t.currency),
        }
        if t.provider is not None:
            transaction["payer"] = _org_ref(t.provider)
        if t.receiver is not None:
            transaction["payee"] = _org_ref(t.receiver)
        transactions.append(transaction)
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
        "documents": documents(project),
    }


def documents(project: ProjectRecord) -> list[dict]:
    """The project's public documents, linked to the portal view that streams them."""
    entries = []
    for d in project.documents:
        entry = {"id": str(d.pk)}
        if document_type := oc4ids_document_type(d.category):
            entry["documentType"] = document_type
        entry["title"] = d.title_en or d.title_ar
        entry["url"] = document_url(project.code, d.pk)
        entry["format"] = d.content_type
        published = d.document_date or d.uploaded_at.date()
        entry["datePublished"] = _datetime(published)
        entries.append(entry)
    return entries


def package_json(queryset, *, uri: str = "") -> Iterator[bytes]:
    """The OC4IDS project package for these projects, in byte chunks."""
    published = timezone.now().isoformat(timespec="seconds")
    if not uri and settings.IMAR_SITE_URL:
        uri = settings.IMAR_SITE_URL.rstrip("/") + reverse("opendata:projects", args=["json"])
    header = {
        "uri": uri or f"urn:imar:{fund_identifier()}:oc4ids",
        "publishedDate": published,
        "version": OC4IDS_VERSION,
        "publisher": {"name": settings.IMAR_FUND_NAME_EN},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    opening = json.dumps(header, ensure_ascii=False)[:-1] + ', "projects": ['
    yield opening.encode()
    separator = "\n"
    for project in iter_records(queryset):
        record = project_record(project, extras=monitoring_extras(project))
        yield (separator + json.dumps(record, ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"
