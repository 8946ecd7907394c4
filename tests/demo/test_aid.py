"""The aid demo step: the SDC sample, four donors' generated activities, two confirmed
matches."""

import random
from decimal import Decimal

import pytest

from imar.aid.models import ActivityLink, DonorActivity
from imar.demo import aid as demo
from imar.demo import organizations as demo_organizations
from imar.geo.models import Municipality


@pytest.mark.django_db
def test_demo_imports_the_sample_and_four_donors_with_two_confirmed_matches(make_project, officer):
    demo_organizations.load(rng=random.Random(1), options={}, log=lambda *_: None)
    derna = Municipality.objects.get(pcode="LY010102")
    for n, sector in enumerate(("water_sanitation", "housing"), start=1):
        make_project(
            code=f"DRN-9000{n}", sector=sector, status="approved", municipality=derna,
            title_en=f"Derna {sector} works {n}", title_ar=f"أعمال {n} في درنة",
            budget=Decimal("1000000"),
        )  # fmt: skip
    logs = []
    demo.load(rng=random.Random(1), options={}, log=logs.append)
    assert DonorActivity.objects.filter(reporting_org_ref="CH-4").count() == 6
    refs = set(DonorActivity.objects.values_list("reporting_org_ref", flat=True))
    assert {"US-GOV-1", "XI-IATI-EC_NEAR", "GR-1", "XM-DAC-41114"} <= refs
    confirmed = ActivityLink.objects.filter(status="confirmed")
    assert sorted(confirmed.values_list("project__code", flat=True)) == ["DRN-90001", "DRN-90002"]
    assert (
        DonorActivity.objects.get(
            reporting_org_ref="XM-DAC-41114", iati_identifier__endswith="4"
        ).reporting_org.acronym
        == "UNDP"
    )
    assert "2 matches confirmed" in logs[-1]
