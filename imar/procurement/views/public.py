"""The public contracts page: the published releases of public processes, with the red
flags a citizen or journalist finds by running the same definitions on the download
(computed here from exactly those releases), when IMAR_PUBLIC_RED_FLAGS is on."""

from django.conf import settings
from django.shortcuts import render

from imar.procurement import flags as red_flags
from imar.procurement import reasons, selectors
from imar.procurement.exports.ocds.package import records_of
from imar.procurement.models import Release


def contracts(request):
    releases = list(
        Release.objects.public().order_by("ocid", "date", "id").values_list("data", flat=True)
    )
    records = records_of(releases)
    found = (
        red_flags.compute(records, selectors.thresholds()) if settings.IMAR_PUBLIC_RED_FLAGS else {}
    )
    rows = []
    for record in records:
        compiled = record["compiledRelease"]
        contract = (compiled.get("contracts") or [{}])[-1]
        award = (compiled.get("awards") or [{}])[-1]
        rows.append(
            {
                "ocid": record["ocid"],
                "title": (compiled.get("tender") or {}).get("title", ""),
                "method": (compiled.get("tender") or {}).get("procurementMethod", ""),
                "supplier": ", ".join(s["name"] for s in award.get("suppliers", [])),
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
