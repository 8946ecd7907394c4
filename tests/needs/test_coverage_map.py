"""The "are we balanced?" map: districts coloured by coverage ((allocated + donors'
disbursed) ÷ needs), a legend, the formula on the page and East/West/South subtotals."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.needs.selectors import COVERAGE_CLASSES, coverage_class, needs_overview
from tests.needs.test_needs_page import needs_data  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    "value, expected",
    [(None, None), (0.0, 0), (0.2499, 0), (0.25, 1), (0.5, 2), (0.99, 3), (1.0, 4), (3.5, 4)],
)
def test_coverage_classes(value, expected):
    assert coverage_class(value) == expected
    if value is not None:  # a second formulation: count the lower bounds at or below
        assert sum(1 for low, _high in COVERAGE_CLASSES if value >= low) - 1 == expected


def test_regions_add_up_to_their_districts_and_donors_count_in_coverage(needs_data):  # noqa: F811
    overview = needs_overview(currency="LYD")
    derna = next(r for r in overview.districts if r.district.iso_code == "LY-DR")
    derna.donor_disbursed = Decimal("2000000")
    assert derna.coverage == pytest.approx((2_000_000 + 2_000_000) / 8_000_000)
    for region in overview.regions():
        members = [r for r in overview.districts if r.district.region.code == region.code]
        assert region.recovery_needs == sum((r.recovery_needs for r in members), Decimal(0))
        assert region.allocated == sum((r.allocated for r in members), Decimal(0))
        assert region.donor_disbursed == sum((r.donor_disbursed for r in members), Decimal(0))
        assert region.districts == len(members)
    assert {r.code for r in overview.regions()} == {"LY01", "LY02", "LY03"}


def test_page_has_legend_formula_subtotals_and_coverage_classes(client, officer, needs_data):  # noqa: F811
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("needs:needs")).content.decode()
    assert 'id="coverage-legend"' in html and "100% or more" in html
    assert "No needs recorded" in html
    assert "Coverage = (money allocated by the fund + money disbursed by donors)" in html
    region_table = html.split('id="region-table"')[1].split("</table>")[0]
    assert 'data-region="LY01"' in region_table
    # 6,000,000 allocated of 11,000,000 needs overall.
    assert 'id="total-coverage">55%<' in region_table
    data = json.loads(html.split('id="needs-data" type="application/json">')[1].split("<")[0])
    derna = next(d for d in data["districts"] if d["iso"] == "LY-DR")
    assert derna["coverage"] == pytest.approx(0.25) and derna["coverage_class"] == 1
    tripoli = next(d for d in data["districts"] if d["iso"] == "LY-TB")
    assert tripoli["coverage_class"] == 4  # more money than recorded needs
    empty = [d for d in data["districts"] if d["needs"] == 0]
    assert empty and all(d["coverage_class"] is None for d in empty)
