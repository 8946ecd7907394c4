"""The result page's rules beside what the answer achieved, and which of them bind."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.needs.scenario_rules import BINDS, BROKEN, HOLDS, rule_lines, tolerance
from imar.needs.scenarios import scenario_create, scenario_start

DESCRIBED = {"description_en": "Rebuild", "beneficiaries": 5000}


def test_each_floor_ceiling_and_cap_gets_its_achieved_amount_share_and_state():
    rules = {
        "regions": {"LY01": {"min_share": 0.2, "max_share": 0.6}, "LY02": {"min_share": 0.4}},
        "sectors": {"housing": {"max_share": 0.5}, "health": {"max_share": 1}},
    }
    spent = {("region", "LY01"): 1_500_000.0, ("region", "LY02"): 1_000_000.0}
    spent[("sector", "housing")] = 1_400_000.0
    lines = {line.key: line for line in rule_lines(
        rules=rules, budget=2_500_000, spent=spent, total=2_500_000.0
    )}  # fmt: skip
    # A 100% cap restricts nothing and is not listed; West has no ceiling.
    assert list(lines) == [
        "budget", "floor-region-LY01", "ceiling-region-LY01", "floor-region-LY02",
        "cap-sector-housing",
    ]  # fmt: skip
    assert lines["budget"].state == BINDS and lines["budget"].room == 0
    east_floor, east_ceiling = lines["floor-region-LY01"], lines["ceiling-region-LY01"]
    assert (east_floor.limit, east_floor.achieved) == (500_000, 1_500_000)
    assert east_floor.achieved_share == pytest.approx(60) and east_floor.state == HOLDS
    assert east_ceiling.limit == pytest.approx(1_500_000) and east_ceiling.state == BINDS
    assert east_floor.room == 1_000_000  # above the floor by 1M, but on the ceiling
    west = lines["floor-region-LY02"]
    assert west.limit_share == pytest.approx(40) and west.state == BINDS
    housing = lines["cap-sector-housing"]
    assert housing.limit == 1_250_000 and housing.state == BROKEN and housing.room == -150_000


def test_binding_allows_rounding_but_not_more():
    budget = 1_000_000.0
    near = rule_lines(
        rules={"districts": {"LY-DR": {"min_share": 0.3}}},
        budget=budget,
        spent={("district", "LY-DR"): 300_000.4},
        total=900_000.0,
    )
    assert [line.state for line in near] == [HOLDS, BINDS]
    above = rule_lines(
        rules={"districts": {"LY-DR": {"min_share": 0.3}}},
        budget=budget,
        spent={("district", "LY-DR"): 300_000 + 2 * tolerance(budget)},
        total=900_000.0,
    )
    assert above[1].state == HOLDS
    short = rule_lines(
        rules={"districts": {"LY-DR": {"min_share": 0.3}}},
        budget=budget,
        spent={},
        total=0.0,
    )
    assert short[1].achieved == 0 and short[1].state == BROKEN


@pytest.fixture
def solved(officer, scoring_model, make_project, tripoli, runs_inline,
           django_capture_on_commit_callbacks):  # fmt: skip
    """Two Derna and two Tripoli candidates under a West floor and ceiling and sector caps."""
    make_project(code="A-1", budget=Decimal("1000000"), **DESCRIBED)
    make_project(code="B-1", budget=Decimal("1000000"), sector="health", **DESCRIBED)
    make_project(code="C-1", budget=Decimal("1000000"), municipality=tripoli,
                 sector="education", **DESCRIBED)  # fmt: skip
    make_project(code="D-1", budget=Decimal("2000000"), municipality=tripoli, **DESCRIBED)
    scenario = scenario_create(
        by=officer,
        name="Rules",
        budget=Decimal("2500000"),
        rules={
            "regions": {"LY02": {"min_share": 0.4, "max_share": 0.6}},
            "sectors": {"housing": {"max_share": 0.5}, "health": {"max_share": 0.8}},
        },
        scoring_model=scoring_model,
    )
    with django_capture_on_commit_callbacks(execute=True):
        scenario_start(scenario=scenario, by=officer)
    scenario.refresh_from_db()
    assert scenario.status == "done", scenario.error
    return scenario


def row_of(html: str, key: str) -> str:
    return html.split(f'data-rule="{key}"')[1].split("</tr>")[0]


def test_result_page_shows_each_rule_beside_the_solved_numbers(client, officer, solved):
    result = solved.result
    costs, chosen = result["costs"], set(result["selected"])
    # Only C-1 (1M) fits West: D-1 alone passes the 60% ceiling (1.5M).
    assert "C-1" in chosen and "D-1" not in chosen
    west = sum(costs[code] for code in chosen if code in ("C-1", "D-1"))
    housing = sum(costs[code] for code in chosen if code in ("A-1", "D-1"))
    health = sum(costs[code] for code in chosen if code == "B-1")
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("needs:scenario_detail", args=[solved.pk])).content.decode()
    assert 'id="rule-results"' in html

    budget = row_of(html, "budget")
    assert f"{result['total_cost']:,.0f}" in budget and "2,500,000" in budget
    floor, ceiling = row_of(html, "floor-region-LY02"), row_of(html, "ceiling-region-LY02")
    assert "West" in floor and "1,000,000" in floor and "40.0%" in floor
    assert f"{west:,.0f}" in floor and f"{west / 25000:.1f}%" in floor
    assert west == 1_000_000 and floor.startswith(' data-state="binds"')  # on the floor
    assert "1,500,000" in ceiling and "60.0%" in ceiling
    assert "holds, with room" in ceiling  # 1M chosen under a 1.5M ceiling
    cap = row_of(html, "cap-sector-housing")
    assert "Housing" in cap and "1,250,000" in cap and "50.0%" in cap
    assert f"{housing:,.0f}" in cap
    assert f"{health:,.0f}" in row_of(html, "cap-sector-health")
    assert "not kept" not in html  # an optimal answer keeps every rule


def test_rules_table_in_arabic_is_translated_and_isolates_the_numbers(client, officer, solved):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("needs:scenario_detail", args=[solved.pk])).content.decode()
    table = html.split('id="rule-results"')[1].split("</table>")[0]
    table = re.sub(r'data-(rule|state)="[^"]*"', "", table)  # the words shown, not the keys
    for english in ("Floor", "Ceiling", "Sector cap", "Achieved", "Room left", "binds", "holds"):
        assert english not in table
    assert 'class="num">1,000,000<' in table or 'class="num">١' in table
    assert "style=" not in table and "<script" not in table
