"""`{% contracting_timeline project %}`: a public project's contracting processes, for the
portal's project page. It reads only the published OCDS releases of public processes (the
rule of `procurement/public.py` is already applied in them), so the page shows what the
download holds: the stages with their dates, the bids counted (bidders and values only once
the award is published, as the fund's rule says), the winner and value, the amendments,
and the red flags a journalist would compute from the same releases (IMAR_PUBLIC_RED_FLAGS)."""

from django import template
from django.conf import settings

from imar.organizations.models import Organization
from imar.procurement import flags as red_flags
from imar.procurement import reasons, selectors
from imar.procurement.exports.ocds.package import records_of
from imar.procurement.models import Process, Release

register = template.Library()


def _day(value) -> str:
    return (value or "")[:10]


def timeline_of(record: dict) -> dict:
    """What a citizen reads of one OCDS record: stages oldest first, the winner and value."""
    compiled = record["compiledRelease"]
    tender = compiled.get("tender") or {}
    stages = []
    for release in record["releases"]:
        tags = release["tag"]
        stage = {"date": _day(release["date"]), "tags": tags}
        if "tender" in tags:
            period = (release.get("tender") or {}).get("tenderPeriod") or {}
            stage["period"] = (_day(period.get("startDate")), _day(period.get("endDate")))
        if "award" in tags:
            award = (release.get("awards") or [{}])[-1]
            stage["standstill_end"] = _day((award.get("standstillPeriod") or {}).get("endDate"))
        if "contractAmendment" in tags:
            contract = (release.get("contracts") or [{}])[-1]
            amendment = (contract.get("amendments") or [{}])[-1]
            stage["rationale"] = amendment.get("rationale", "")
            stage["value"] = contract.get("value")
        stages.append(stage)
    award = (compiled.get("awards") or [{}])[-1]
    contract = (compiled.get("contracts") or [{}])[-1]
    bids = (compiled.get("bids") or {}).get("details", [])
    return {
        "ocid": record["ocid"],
        "title": tender.get("title", ""),
        "method": tender.get("procurementMethod", ""),
        "rationale": tender.get("procurementMethodRationale", ""),
        "status": contract.get("status") or award.get("status") or tender.get("status", ""),
        "tenderers": tender.get("numberOfTenderers"),
        "bids": len(bids),
        "winners": [s["name"] for s in award.get("suppliers", [])],
        "winner": ", ".join(s["name"] for s in award.get("suppliers", [])),
        "award_value": award.get("value"),
        "contract_value": contract.get("value"),
        "signed": _day(contract.get("dateSigned")),
        "amendments": contract.get("amendments", []),
        "stages": stages,
    }


@register.inclusion_tag("procurement/_public_timeline.html")
def contracting_timeline(project):
    releases = list(
        Release.objects.public()
        .filter(process__project=project)
        .order_by("ocid", "date", "id")
        .values_list("data", flat=True)
    )
    records = records_of(releases)
    show_flags = settings.IMAR_PUBLIC_RED_FLAGS
    found = {}
    if show_flags and records:
        # Repeated winners count the fund's whole published set, as a journalist's run does.
        others = Release.objects.public().exclude(process__project=project)
        everything = records + records_of(
            list(others.order_by("ocid", "date", "id").values_list("data", flat=True))
        )
        found = red_flags.compute(everything, selectors.thresholds())
    # The releases are in English (OCDS `language`); the page names things in the reader's
    # language from the same public rows (titles and organizations are public once shown).
    titles = {
        p.ocid: p.title
        for p in Process.objects.filter(project=project, ocid__in=[r["ocid"] for r in records])
    }
    names = {}
    for record in records:
        for award in record["compiledRelease"].get("awards", []):
            for supplier in award.get("suppliers", []):
                pk = supplier.get("id", "").removeprefix("IMAR-ORG-")
                if pk.isdigit():
                    names[supplier["name"]] = int(pk)
    organizations = {o.pk: o.name for o in Organization.objects.filter(pk__in=names.values())}
    rows = []
    for record in records:
        row = timeline_of(record)
        row["title"] = titles.get(record["ocid"]) or row["title"]
        row["winner"] = ", ".join(
            organizations.get(names.get(name), name) for name in row["winners"]
        )
        row["flags"] = [
            {"title": reasons.title(f.code), "text": reasons.explain(f)}
            for f in found.get(record["ocid"], [])
        ]
        rows.append(row)
    return {"rows": rows, "show_flags": show_flags}
