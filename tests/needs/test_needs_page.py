"""The needs page: figures per district against a recomputation from the raw rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from imar.geo.models import District
from imar.needs.models import DamageRecord
from imar.needs.selectors import needs_overview


@pytest.fixture
def needs_data(make_record, make_project, tripoli):
    make_record(pcode="LY010102", sector="housing", recovery_needs=Decimal("5000000"))
    make_record(pcode="LY010102", sector="health", recovery_needs=Decimal("1000000"))
    make_record(pcode="LY010101", sector="housing", recovery_needs=Decimal("2000000"))
    make_record(pcode="LY021104", sector="education", recovery_needs=Decimal("3000000"))
    # Allocated money: approved and later only.
    make_project(budget=Decimal("1500000"), status="approved")
    make_project(budget=Decimal("500000"), status="implementation")
    make_project(budget=Decimal("9000000"), status="identified")  # not allocated yet
    make_project(budget=Decimal("700000"), status="cancelled")
    make_project(budget=Decimal("4000000"), status="approved", municipality=tripoli)


def recompute(iso_code: str) -> tuple[Decimal, int]:
    rows = DamageRecord.objects.filter(municipality__district__iso_code=iso_code)
    return sum((r.recovery_needs for r in rows), Decimal(0)), sum(r.people_affected for r in rows)


def test_overview_matches_a_recomputation_from_raw_rows(needs_data):
    overview = needs_overview(currency="LYD")
    rows = {row.district.iso_code: row for row in overview.districts}
    assert len(rows) == District.objects.count()
    derna_needs, derna_people = recompute("LY-DR")
    assert rows["LY-DR"].recovery_needs == derna_needs == Decimal("8000000")
    assert rows["LY-DR"].people_affected == derna_people == 3000
    assert rows["LY-DR"].allocated == Decimal("2000000")
    assert rows["LY-DR"].gap == Decimal("6000000")
    assert rows["LY-DR"].need_per_person_affected == Decimal("2666.67")
    # Tripoli got more money than its recorded needs: the gap is zero, not negative.
    assert rows["LY-TB"].gap == 0 and rows["LY-TB"].allocated == Decimal("4000000")
    assert overview.total_needs == Decimal("11000000")
    assert overview.by_sector == {
        "housing": Decimal("7000000"),
        "health": Decimal("1000000"),
        "education": Decimal("3000000"),
    }


def test_needs_page_shows_the_district_figures(client, officer, needs_data):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.get(reverse("needs:needs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="total-needs">11,000,000<' in html
    assert 'id="total-allocated">6,000,000<' in html
    derna_row = html.split('data-district="LY-DR"')[1].split("</tr>")[0]
    assert "8,000,000" in derna_row and "2,000,000" in derna_row and "6,000,000" in derna_row
    assert 'id="needs-data"' in html and 'id="district-shapes"' in html
    assert "per person affected" in html  # says what the map's figure is


def test_amounts_without_an_exchange_rate_are_left_out_and_said_so(client, officer, make_record):
    make_record(pcode="LY010102", currency="USD", recovery_needs=Decimal("1000000"))
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("needs:needs")).content.decode()
    assert "Amounts in USD are left out" in html
    assert 'id="total-needs">0<' in html


def test_needs_page_is_for_staff_only(client, outsider, gazetteer):
    assert client.get(reverse("needs:needs")).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(reverse("needs:needs")).status_code == 403


def test_needs_page_in_arabic(client, auditor, needs_data):
    client.force_login(auditor)
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("needs:needs")).content.decode()
    assert 'dir="rtl"' in html
    assert "الاحتياجات" in html


def test_needs_page_query_count_does_not_grow_with_records(
    client, officer, needs_data, make_record, django_assert_max_num_queries
):
    for pcode in ("LY010103", "LY010104", "LY010105", "LY010201", "LY010202"):
        make_record(pcode=pcode)
    client.force_login(officer)
    with django_assert_max_num_queries(15):
        client.get(reverse("needs:needs"))
