"""The public contracts page: the published releases of public processes, with the red
flags a citizen or journalist finds by running the same definitions on the download
(computed here from exactly those releases), when IMAR_PUBLIC_RED_FLAGS is on."""

from django.conf import settings
from django.shortcuts import render

from imar.organizations.models import Organization
from imar.procurement import flags as red_flags
from imar.procurement import reasons, selectors
from imar.procurement.exports.ocds.package import records_of
from imar.procurement.models import Process, Release

PARTY_PREFIX = "IMAR-ORG-"


def _named_records(records) -> tuple[dict, dict]:
    """The processes (with their projects) and suppliers the records name, from the fund's
    own records: their titles and names in the page's language, not the releases' English."""
    processes = {
        p.ocid: p
        for p in Process.objects.public()
        .filter(ocid__in=[r["ocid"] for r in records])
        .select_related("project")
    }
    ids = set()
    for record in records:
        for award in record["compiledRelease"].get("awards") or []:
            for supplier in award.get("suppliers", []):
                if str(supplier.get("id", "")).startswith(PARTY_PREFIX):
                    suffix = supplier["id"].removeprefix(PARTY_PREFIX)
                    if suffix.isdigit():
                        ids.add(int(suffix))
    organizations = {
        f"{PARTY_PREFIX}{o.pk}": o
        for o in Organization.objects.filter(pk__in=ids).only("id", "name_ar", "name_en")
    }
    return processes, organizations


def contracts(request):
    releases = list(
        Release.objects.public().order_by("ocid", "date", "id").values_list("data", flat=True)
    )
    records = records_of(releases)
    found = (
        red_flags.compute(records, selectors.thresholds()) if settings.IMAR_PUBLIC_RED_FLAGS else {}
    )
    processes, organizations = _named_records(records)
    rows = []
    for record in records:
        compiled = record["compiledRelease"]
        contract = (compiled.get("contracts") or [{}])[-1]
        award = (compiled.get("awards") or [{}])[-1]
        process = processes.get(record["ocid"])
        suppliers = [
            organizations.get(s.get("id")) or s["name"] for s in award.get("suppliers", [])
        ]
        rows.append(
            {
                "ocid": record["ocid"],
                "title": process.title
                if process
                else (compiled.get("tender") or {}).get("title", ""),
                "project": process.project if process else None,
                "method": (compiled.get("tender") or {}).get("procurementMethod", ""),
                "suppliers": suppliers,
                "value": contract.get("value") or award.get("value"),
                "timeline": [(r["date"][:10], r["tag"]) for r in record["releases"]],
                "flags": [
                    {"title": reasons.title(f.code), "text": reasons.explain(f)}
                    for f in found.get(record["ocid"], [])
                ],
            }
        )
    return render(
        request,
        "procurement/public_contracts.html",
        {"rows": rows, "show_flags": settings.IMAR_PUBLIC_RED_FLAGS},
    )
