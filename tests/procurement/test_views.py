from datetime import date

import pytest

from imar.procurement.models import FlagReview

pytestmark = pytest.mark.django_db


def test_register_filters_by_red_flag_and_the_process_page_explains_it(client, walk, officer):
    short = walk(days=5)
    clean = walk()
    client.force_login(officer)
    page = client.get(
        "/procurement/", {"flag": "R003"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    ).content.decode()
    assert short.ocid in page and clean.ocid not in page
    page = client.get(f"/procurement/{short.pk}/").content.decode()
    assert "whole days" in page or "يومًا كاملًا" in page
    response = client.post(
        f"/procurement/{short.pk}/review/", {"code": "R003", "reason": "Emergency repairs"}
    )
    assert response.status_code == 302
    assert FlagReview.objects.get(process=short, code="R003").reason == "Emergency repairs"


def test_anonymous_visitors_are_sent_away(client, walk):
    process = walk(stop="planning")
    assert client.get(f"/procurement/{process.pk}/").status_code in (302, 403)
    assert date.today()


def test_public_contracts_page_shows_the_flags_of_the_download(client, walk, settings):
    from imar.procurement import flags
    from imar.procurement.exports.ocds.package import records_of
    from imar.procurement.models import Release

    process = walk(days=5)
    hidden = walk(stop="planning")
    page = client.get("/contracts/", HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert process.ocid in page and hidden.ocid not in page
    download = client.get("/open-data/contracting.json").json()
    found = flags.compute(records_of(download["releases"]))
    assert [f.code for f in found[process.ocid]] == ["R003"]
    assert "Short submission period" in page or "فترة تقديم قصيرة" in page
    settings.IMAR_PUBLIC_RED_FLAGS = False
    page = client.get("/contracts/").content.decode()
    assert "alert-warning" not in page
    assert Release.objects.count() > 0


def test_contractor_page_lists_contracts_amendments_and_flags(client, walk, officer):
    from decimal import Decimal

    from imar.procurement import services

    process = walk(days=5)
    services.amendment_record(
        by=officer, contract=process.contract, amendment_date=date(2025, 9, 1),
        value_after=Decimal("1500000"), end_after=date(2026, 6, 30), reason="Extra storey",
    )  # fmt: skip
    client.force_login(officer)
    page = client.get(
        f"/procurement/contractors/{process.contract.contractor_id}/"
    ).content.decode()
    assert process.ocid in page and "Extra storey" in page
    assert ("Large amendment" in page or "تعديل كبير" in page) and (
        "Short submission period" in page or "فترة تقديم قصيرة" in page
    )


def test_register_filters_by_contractor_district_sector_and_method(
    client, walk, officer, make_project, tripoli
):
    derna = walk()
    other = walk(project=make_project(municipality=tripoli, sector="water_sanitation"))
    client.force_login(officer)

    def listed(**params):
        page = client.get("/procurement/", params).content.decode()
        return {p.ocid for p in (derna, other) if p.ocid in page}

    assert listed() == {derna.ocid, other.ocid}
    assert listed(contractor=derna.contract.contractor_id) == {derna.ocid}
    assert listed(district=tripoli.district_id) == {other.ocid}
    assert listed(sector="water_sanitation") == {other.ocid}
    assert listed(method="direct") == set()
