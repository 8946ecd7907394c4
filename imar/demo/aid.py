"""Demo step: donors' IATI activities (imar.aid).

Imports the real SDC sample (6 Swiss activities in Libya, kept in the aid app's test data)
and a generated file of a few synthetic donor activities (US, EU, Greece, UN), two of them
the donor's view of a demo project; the officer confirms those two matches, so the needs
page shows the donor money counted once. Deterministic (fixed dates, first projects by code).
"""

import io
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.contrib.auth import get_user_model

from imar.aid import services
from imar.aid.enums import LinkStatus
from imar.geo.models import Municipality
from imar.organizations.models import Organization
from imar.organizations.services import organization_save
from imar.portfolio.models import Project

SAMPLE = Path(__file__).with_name("data") / "ly-sdc-activities.xml"
UPDATED = "2026-10-01T08:00:00Z"

# (acronym of a demo organization or None, IATI ref, org type, name EN)
DONORS = {
    "US": (None, "US-GOV-1", "10", "U.S. Agency for International Development (demo)"),
    "EU": ("EU", "XI-IATI-EC_NEAR", "15", "European Commission - NEAR (demo)"),
    "GR": (None, "GR-1", "10", "Hellenic Aid (demo)"),
    "UN": ("UNDP", "XM-DAC-41114", "40", "United Nations Development Programme"),
}


def _activity(
    ident, donor, *, title_en, title_ar, municipality, sector, currency, commit, paid, day
):
    _acronym, ref, org_type, name = DONORS[donor]
    point = f"{municipality.latitude:.5f} {municipality.longitude:.5f}"
    return f"""
<iati-activity xml:lang="en" last-updated-datetime="{UPDATED}" default-currency="{currency}">
 <iati-identifier>{ident}</iati-identifier>
 <reporting-org ref={quoteattr(ref)} type="{org_type}"><narrative>{escape(name)}</narrative></reporting-org>
 <title><narrative>{escape(title_en)}</narrative><narrative xml:lang="ar">{escape(title_ar)}</narrative></title>
 <description><narrative>Synthetic demo data.</narrative></description>
 <participating-org ref={quoteattr(ref)} role="1" type="{org_type}"><narrative>{escape(name)}</narrative></participating-org>
 <activity-status code="2"/>
 <activity-date iso-date="{day.isoformat()}" type="2"/>
 <recipient-country code="LY" percentage="100"/>
 <location><name><narrative>{escape(municipality.name_en)}</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>{point}</pos></point></location>
 <sector vocabulary="1" code="{sector}" percentage="100"/>
 <transaction><transaction-type code="2"/><transaction-date iso-date="{day.isoformat()}"/><value currency="{currency}" value-date="{day.isoformat()}">{commit}</value></transaction>
 <transaction><transaction-type code="3"/><transaction-date iso-date="{day.replace(month=day.month + 3).isoformat()}"/><value currency="{currency}" value-date="{day.replace(month=day.month + 3).isoformat()}">{paid}</value></transaction>
</iati-activity>"""


def _donor_file(projects: list[Project]) -> bytes:
    benghazi = Municipality.objects.get(pcode="LY010304")
    sabha = Municipality.objects.get(pcode="LY031901")
    tripoli = Municipality.objects.get(pcode="LY021104")
    rows = []
    for n, (donor, project) in enumerate(zip(("US", "EU"), projects, strict=False), start=1):
        from imar.portfolio.sectors import SECTOR_CODES

        rows.append(
            _activity(
                f"{DONORS[donor][1]}-LY-DEMO-{n}", donor,
                title_en=project.title_en, title_ar=project.title_ar,
                municipality=project.municipality, sector=SECTOR_CODES[project.sector].dac5,
                currency="USD" if donor == "US" else "EUR",
                commit="2500000", paid="900000", day=date(2025, 3, 1),
            )
        )  # fmt: skip
    rows.append(
        _activity(
            "GR-1-LY-DEMO-3", "GR", title_en="Benghazi old town rehabilitation",
            title_ar="إعادة تأهيل المدينة القديمة في بنغازي", municipality=benghazi,
            sector="43030", currency="EUR", commit="1200000", paid="300000", day=date(2025, 5, 1),
        )
    )  # fmt: skip
    rows.append(
        _activity(
            "XM-DAC-41114-LY-DEMO-4", "UN", title_en="Sabha primary health care",
            title_ar="الرعاية الصحية الأولية في سبها", municipality=sabha,
            sector="12220", currency="USD", commit="1800000", paid="1100000", day=date(2025, 4, 1),
        )
    )  # fmt: skip
    rows.append(
        _activity(
            "XM-DAC-41114-LY-DEMO-5", "UN", title_en="Tripoli local governance support",
            title_ar="دعم الحكم المحلي في طرابلس", municipality=tripoli,
            sector="15112", currency="USD", commit="600000", paid="200000", day=date(2025, 6, 1),
        )
    )  # fmt: skip
    body = "".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" '
        f'generated-datetime="{UPDATED}">{body}\n</iati-activities>'
    ).encode()


def load(*, rng, options, log):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["officer"])}
    officer = users.get("officer")
    for acronym, ref, *_rest in DONORS.values():
        org = Organization.objects.filter(acronym=acronym).first() if acronym else None
        if org is not None and not org.iati_identifier:
            organization_save(by=officer, organization=org, fields={"iati_identifier": ref})
    with open(SAMPLE, "rb") as handle:
        services.activity_import(file=handle, by=officer, file_name=SAMPLE.name)
    projects = list(
        Project.objects.filter(
            sector__in=("water_sanitation", "housing"),
            status__in=("approved", "implementation"),
            municipality__pcode="LY010102",
        )
        .select_related("municipality")
        .order_by("code")[:2]
    )
    run = services.activity_import(
        file=io.BytesIO(_donor_file(projects)), by=officer, file_name="demo-donors.xml"
    )
    confirmed = 0
    for project in projects:
        from imar.aid.models import ActivityLink

        link = (
            ActivityLink.objects.filter(project=project, activity__run=run)
            .order_by("-score")
            .first()
        )
        if link is not None:
            services.link_decide(
                by=officer, activity=link.activity, project=project, status=LinkStatus.CONFIRMED
            )
            confirmed += 1
    log(f"    aid: {run.counts['created']} generated donor activities + the SDC sample, "
        f"{confirmed} matches confirmed")  # fmt: skip
