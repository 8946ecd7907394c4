"""Reading an OCDS release package (or record package) from a national e-procurement system:
releases merged into one compiled release per ocid with `ocdsmerge` (against the shipped
1.1 schema, no network), then, for the ocids the staff mapped to a project, the contracting
process written through the procurement services in one transaction: nothing half-written
stays when a row is refused. Unmapped ocids are reported with a suggested project, never
imported on a guess."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.portfolio.models import Project
from imar.procurement import services
from imar.procurement.exports.ocds.package import release_schema
from imar.procurement.models import Process

MAX_BYTES = 200 * 1024 * 1024
METHODS = {"open", "selective", "limited", "direct"}


class ImportRefused(ValueError):
    """The file or one of its processes cannot be imported; the message says where."""


@dataclass
class Plan:
    compiled: dict[str, dict] = field(default_factory=dict)
    suggestions: dict[str, str | None] = field(default_factory=dict)


def _no_constants(name):
    raise ImportRefused(_("The file has a value JSON does not allow: %(name)s.") % {"name": name})


def read_releases(path: Path) -> list[dict]:
    if path.stat().st_size > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 200 MB."))
    try:
        data = json.loads(path.read_bytes(), parse_constant=_no_constants)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportRefused(_("The file is not JSON: %(error)s.") % {"error": error}) from None
    if not isinstance(data, dict):
        raise ImportRefused(_("The file is not an OCDS release or record package."))
    if isinstance(data.get("releases"), list):
        releases = data["releases"]
    elif isinstance(data.get("records"), list):
        releases = []
        for record in data["records"]:
            embedded = [r for r in record.get("releases", []) if "tag" in r]
            releases += embedded or (
                [record["compiledRelease"]] if "compiledRelease" in record else []
            )
    else:
        raise ImportRefused(_("The file is not an OCDS release or record package."))
    for number, release in enumerate(releases, start=1):
        if not isinstance(release, dict) or not release.get("ocid") or not release.get("date"):
            raise ImportRefused(
                _("Release %(number)s has no ocid or no date.") % {"number": number}
            )
    return releases


def merge(releases: list[dict]) -> dict[str, dict]:
    import ocdsmerge

    merger = ocdsmerge.Merger(schema=release_schema())
    groups: dict[str, list[dict]] = {}
    for release in releases:
        groups.setdefault(release["ocid"], []).append(release)
    return {
        ocid: merger.create_compiled_release(sorted(group, key=lambda r: r["date"]))
        for ocid, group in sorted(groups.items())
    }


def suggest(compiled: dict) -> str | None:
    """A project code the release names (planning.budget.projectID), if one exists."""
    code = ((compiled.get("planning") or {}).get("budget") or {}).get("projectID")
    if code and Project.objects.filter(code=code).exists():
        return code
    return None


def plan(path: Path) -> Plan:
    result = Plan(compiled=merge(read_releases(path)))
    result.suggestions = {ocid: suggest(c) for ocid, c in result.compiled.items()}
    return result


def _when(value, where: str) -> datetime:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ImportRefused(
            _("%(where)s: “%(value)s” is not a date.") % {"where": where, "value": value}
        ) from None


def _amount(value, where: str) -> tuple[Decimal, str]:
    try:
        return Decimal(str(value["amount"])), value.get("currency") or "LYD"
    except (KeyError, TypeError, InvalidOperation):
        raise ImportRefused(_("%(where)s: no amount.") % {"where": where}) from None


def _organization(party: dict, parties: dict, default_country: str) -> Organization:
    full = parties.get(party.get("id"), party)
    name = (full.get("name") or party.get("name") or "").strip()[:255]
    if not name:
        raise ImportRefused(_("An organization has no name."))
    found = Organization.objects.filter(name_en=name).first()
    if found:
        return found
    country_name = (full.get("address") or {}).get("countryName", "")
    country = countries.by_name(country_name) if country_name else ""
    return Organization.objects.create(
        name_en=name, name_ar=name, kind=OrganizationKind.COMPANY,
        country=country or default_country,
    )  # fmt: skip


def _import_one(ocid: str, compiled: dict, project: Project, *, by, default_country: str):
    if Process.objects.filter(ocid=ocid).exists():
        raise ImportRefused(_("%(ocid)s: already imported.") % {"ocid": ocid})
    parties = {p.get("id"): p for p in compiled.get("parties", []) if isinstance(p, dict)}
    tender = compiled.get("tender") or {}
    method = tender.get("procurementMethod")
    if method not in METHODS:
        raise ImportRefused(
            _("%(ocid)s: tender/procurementMethod is missing or unknown.") % {"ocid": ocid}
        )
    period = tender.get("tenderPeriod") or {}
    value, currency = _amount(
        tender.get("value") or (compiled.get("planning") or {}).get("budget", {}).get("amount"),
        f"{ocid} tender/value",
    )
    entity = tender.get("procuringEntity") or compiled.get("buyer")
    if not entity:
        raise ImportRefused(_("%(ocid)s: no procuring entity.") % {"ocid": ocid})
    title = (tender.get("title") or ocid)[:300]
    process = services.process_save(
        by=by,
        project=project,
        ocid=ocid,
        fields={
            "method": method,
            "method_justification": tender.get("procurementMethodRationale") or (
                "" if method == "open" else _("Imported without a rationale.")
            ),
            "estimated_value": value, "currency": currency,
            "year": _when(compiled["date"], ocid).year,
            "title_ar": tender.get("title_ar") or title, "title_en": title,
            "description_en": tender.get("description") or "",
            "procuring_entity": _organization(entity, parties, default_country),
            "tender_start": _when(period["startDate"], f"{ocid} tenderPeriod") if period.get("startDate") else None,
            "tender_end": _when(period["endDate"], f"{ocid} tenderPeriod") if period.get("endDate") else None,
        },
    )  # fmt: skip
    if not process.tender_start:
        return process
    services.process_transition(process=process, to="tender", by=by)
    bids = {}
    for n, bid in enumerate((compiled.get("bids") or {}).get("details", []), start=1):
        where = f"{ocid} bids/details/{n}"
        tenderers = bid.get("tenderers") or []
        if not tenderers:
            raise ImportRefused(_("%(where)s: no tenderer.") % {"where": where})
        amount, bid_currency = _amount(bid.get("value"), where)
        status = (
            bid.get("status")
            if bid.get("status") in ("valid", "disqualified", "withdrawn")
            else "valid"
        )
        bidder = _organization(tenderers[0], parties, default_country)
        bids[bidder.pk] = services.bid_record(
            by=by, process=process, bidder=bidder, value=amount, currency=bid_currency,
            received_at=_when(bid.get("date") or period.get("endDate"), where), status=status,
            status_reason=bid.get("statusDetails") or ("" if status == "valid" else status),
        )  # fmt: skip
    awards = [a for a in compiled.get("awards", []) if a.get("status") == "active"]
    if not awards:
        return process
    award = awards[0]
    suppliers = award.get("suppliers") or []
    if not suppliers:
        raise ImportRefused(_("%(ocid)s: the award has no supplier.") % {"ocid": ocid})
    supplier = _organization(suppliers[0], parties, default_country)
    amount, award_currency = _amount(award.get("value"), f"{ocid} awards/value")
    award_day = _when(award.get("date") or compiled["date"], f"{ocid} awards/date").date()
    standstill = (award.get("standstillPeriod") or {}).get("endDate")
    if not bids:  # a direct award published without bids: record the winning offer
        bids[supplier.pk] = services.bid_record(
            by=by, process=process, bidder=supplier, value=amount, currency=award_currency,
            received_at=process.tender_end or process.tender_start,
        )  # fmt: skip
    services.process_transition(process=process, to="evaluation", by=by)
    services.award_record(
        by=by, process=process, bid=bids.get(supplier.pk), supplier=supplier, value=amount,
        currency=award_currency, award_date=award_day,
        standstill_end=_when(standstill, ocid).date() if standstill else award_day,
    )  # fmt: skip
    contracts = [c for c in compiled.get("contracts", []) if c.get("dateSigned")]
    if contracts:
        contract = contracts[0]
        signed = _when(contract["dateSigned"], f"{ocid} contracts/dateSigned").date()
        period = contract.get("period") or {}
        start = _when(period["startDate"], ocid).date() if period.get("startDate") else signed
        end = _when(period["endDate"], ocid).date() if period.get("endDate") else start
        contract_value = (
            _amount(contract["value"], f"{ocid} contracts/value")[0]
            if contract.get("value")
            else None
        )
        services.contract_sign(
            by=by, process=process, date_signed=signed, start_date=start, end_date=end,
            value=contract_value,
        )  # fmt: skip
    return process


def apply(path: Path, mapping: dict[str, str], *, by, default_country: str = "LY") -> list[Process]:
    """Import the mapped ocids of the file (ocid -> project code), all or nothing."""
    compiled = merge(read_releases(path))
    unknown = sorted(set(mapping) - set(compiled))
    if unknown:
        raise ImportRefused(_("Not in the file: %(ocids)s.") % {"ocids": ", ".join(unknown)})
    projects = {p.code: p for p in Project.objects.filter(code__in=mapping.values())}
    missing = sorted(set(mapping.values()) - set(projects))
    if missing:
        raise ImportRefused(
            _("No project with the code %(codes)s.") % {"codes": ", ".join(missing)}
        )
    made = []
    with transaction.atomic():
        for ocid, code in sorted(mapping.items()):
            try:
                made.append(
                    _import_one(
                        ocid, compiled[ocid], projects[code], by=by, default_country=default_country
                    )
                )
            except ValidationError as error:
                raise ImportRefused(f"{ocid}: {' '.join(error.messages)}") from None
    return made
