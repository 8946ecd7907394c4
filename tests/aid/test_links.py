"""Matches confirmed by a person, which record counts, money in one currency, and the
needs page's gap with donors' money."""

from decimal import Decimal

import pytest

from imar.accounts.models import AuditEvent
from imar.aid import selectors, services
from imar.aid.enums import LinkStatus
from imar.aid.models import ActivityLink, DonorActivity
from imar.geo.models import District
from imar.needs.selectors import needs_overview
from tests.aid.files import activity, iati_file, transaction

pytestmark = pytest.mark.django_db

# Commitment 1,000,000 USD on 2025-03-01 (rate 4.80) and disbursement 250,000 USD with a
# value-date of 2025-07-01 (rate 5.00), in Derna.
TXS = [
    transaction("2", "1000000", day="2025-03-01"),
    transaction("3", "250000", day="2025-06-20", value_date="2025-07-01"),
]


@pytest.fixture
def donor(do_import, water_project, rates):
    do_import(iati_file(activity(transactions=TXS)))
    return DonorActivity.objects.get()


def test_import_suggests_the_matching_project_with_reasons(donor, water_project):
    link = ActivityLink.objects.get(activity=donor)
    assert link.project == water_project and link.status == LinkStatus.SUGGESTED
    codes = [r["code"] for r in link.reasons]
    assert codes[:2] == ["organization", "municipality"]
    assert "sector" in codes and "title" in codes


def test_confirm_and_reject_are_audited(donor, water_project, officer):
    link = services.link_decide(
        by=officer, activity=donor, project=water_project, status=LinkStatus.CONFIRMED
    )
    assert link.status == LinkStatus.CONFIRMED and link.decided_by == officer
    assert link.counting == {"2": "fund", "3": "fund", "4": "fund"}
    services.link_decide(by=officer, activity=donor, project=water_project, status="rejected")
    actions = list(
        AuditEvent.objects.filter(object_id=str(link.pk), object_type="aid.activitylink")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["aid.link_confirmed", "aid.link_rejected"]


def test_refreshed_suggestions_keep_decisions(donor, water_project, officer):
    services.link_decide(by=officer, activity=donor, project=water_project, status="rejected")
    services.refresh_suggestions(activity_ids=[donor.pk])
    assert list(ActivityLink.objects.values_list("status", flat=True)) == ["rejected"]


def derna_money(currency="LYD"):
    derna = District.objects.get(iso_code="LY-DR")
    return selectors.money_by(currency=currency, by="district")[derna.pk]


def test_money_is_converted_at_the_rate_of_each_value_date(donor):
    money = derna_money()
    assert money.committed.total == Decimal("4800000.00")  # 1,000,000 x 4.80
    assert money.disbursed.total == Decimal("1250000.00")  # 250,000 x 5.00 (value-date)
    usd = derna_money("USD")
    assert usd.committed.total == Decimal("1000000.00")


def test_missing_rate_is_flagged_never_zero(do_import, rates):
    do_import(iati_file(activity(transactions=[transaction("2", "500", currency="CHF")])))
    money = derna_money()
    assert money.committed.total == 0 and money.committed.missing == 1
    assert money.committed.missing_currencies == {"CHF"}


def test_rate_before_the_first_rate_is_missing(do_import, rates):
    do_import(iati_file(activity(transactions=[transaction("2", "500", day="2019-01-01")])))
    assert derna_money().committed.missing == 1


def test_which_record_counts_decides_per_transaction_type(donor, water_project, officer):
    link = services.link_decide(
        by=officer, activity=donor, project=water_project, status=LinkStatus.CONFIRMED
    )
    money = derna_money()  # the fund's record counts: the donor's is left out
    assert money.committed.total == 0 and money.committed.left_out == 1
    assert money.disbursed.total == 0
    services.link_counting(by=officer, link=link, type_code="3", source="donor")
    money = derna_money()
    assert money.committed.total == 0  # still the fund's
    assert money.disbursed.total == Decimal("1250000.00")
    event = AuditEvent.objects.get(action="aid.link_counting")
    assert event.changes == {"counting.3": ["fund", "donor"]}


def test_invalid_counting_choice_is_refused(donor, water_project, officer):
    link = services.link_decide(
        by=officer, activity=donor, project=water_project, status="confirmed"
    )
    with pytest.raises(ValueError):
        services.link_counting(by=officer, link=link, type_code="1", source="donor")
    with pytest.raises(ValueError):
        services.link_counting(by=officer, link=link, type_code="2", source="both")


def test_needs_gap_with_donors_and_after_a_confirmed_match(
    donor, water_project, derna_needs, officer
):
    """Needs 10,000,000; the fund allocates 2,000,000 (the approved project); the donor
    commits 4,800,000 LYD. Unlinked, the donor's money narrows the gap to 3,200,000; once a
    person confirms the donor activity is the fund's project (whose record counts), the
    money is counted once and the gap is the fund's 8,000,000 again."""
    overview = needs_overview(currency="LYD")

    def derna_row():
        rows = selectors.balance(needs_overview(currency="LYD"), currency="LYD")["rows"]
        return next(r for r in rows if r.district.iso_code == "LY-DR")

    row = derna_row()
    expected_fund = next(r for r in overview.districts if r.district.iso_code == "LY-DR")
    assert row.needs == expected_fund.recovery_needs == Decimal("10000000")
    assert row.fund_allocated == expected_fund.allocated == Decimal("2000000")
    assert row.gap_fund_only == expected_fund.gap == Decimal("8000000")
    assert row.gap == Decimal("3200000")
    services.link_decide(by=officer, activity=donor, project=water_project, status="confirmed")
    assert derna_row().gap == Decimal("8000000")


def test_an_activity_in_two_districts_is_shared_equally(do_import, rates):
    extra = '<location><administrative vocabulary="G1" level="1" code="LY0211"/></location>'
    do_import(iati_file(activity(transactions=[transaction("2", "1000")], extra=extra)))
    money = selectors.money_by(by="district")
    tripoli = District.objects.get(pcode="LY0211")
    derna = District.objects.get(iso_code="LY-DR")
    assert (
        money[derna.pk].committed.total == money[tripoli.pk].committed.total == Decimal("2400.00")
    )


def test_an_arabic_donor_title_suggests_an_english_titled_project(do_import, make_project):
    project = make_project(
        code="TBK-D-01",
        title_en="Desalination plant repair",
        title_ar="مشروع طبرق",
        sector="water_sanitation",
    )
    do_import(
        iati_file(
            activity(
                "XM-DAC-41114-LY-7",
                org_ref="XM-DAC-41114",
                org_name="UNDP",
                title_en="",
                title_ar="صيانة محطة تحلية المياه",
                location="",
            )
        )
    )
    link = ActivityLink.objects.get(project=project)
    (title,) = [r for r in link.reasons if r["code"] == "title"]
    assert title["lang"] == "ar-en"
    assert title["concepts"] == ["desalination", "rehabilitation"]


def test_a_cross_language_reason_names_the_concepts_in_the_pages_language():
    from django.utils import translation

    from imar.aid.reasons import reason_text

    reason = {
        "code": "title",
        "detail": 0.8,
        "lang": "en-ar",
        "concepts": ["desalination", "rehabilitation"],
    }
    with translation.override("ar"):
        assert "تحلية المياه" in reason_text(reason) and "0.8" in reason_text(reason)
    with translation.override("en"):
        text = reason_text(reason)
    assert text == "similar title across Arabic and English: desalination, rehabilitation (0.8)"
