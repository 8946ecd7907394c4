"""The director's printable briefing on one partner country (/partners/briefing/)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.monitoring.models import ProjectFigures
from imar.partners import briefing
from imar.partners.enums import ActionStatus
from imar.partners.models import ActionItem

URL = reverse("partners:briefing")


def _figures(project, budget, committed, disbursed, progress="40.00"):
    return ProjectFigures.objects.update_or_create(
        project=project,
        defaults={
            "as_of": date(2026, 3, 1),
            "budget_lyd": Decimal(budget),
            "committed_lyd": Decimal(committed),
            "disbursed_lyd": Decimal(disbursed),
            "progress_percent": Decimal(progress),
        },
    )


@pytest.fixture
def us_world(make_agreement, make_project, us_agency, greek_ministry, visit, officer, tripoli):
    """Two US projects in two regions, a confidential US agreement, a Greek one, actions."""
    school = make_project(title_en="Derna school")
    port = make_project(title_en="Tripoli clinic", municipality=tripoli, sector="health")
    greek_port = make_project(title_en="Greek harbour")
    _figures(school, "1000.00", "600.00", "100.00", progress="55.00")
    _figures(port, "2000.00", "500.00", "250.00")
    _figures(greek_port, "9999.00", "9999.00", "9999.00")
    us = make_agreement(
        us_agency, reference="US-OPEN", title_en="US school grant", projects=[school]
    )
    make_agreement(
        us_agency, reference="US-SECRET", title_en="US clinic loan", is_public=False,
        projects=[port], currency="USD",
    )  # fmt: skip
    greek = make_agreement(greek_ministry, reference="GR-PORT", title_en="Greek port deal")
    overdue_on = date.today() - timedelta(days=5)
    for text, status, due, agreement in [
        ("Send the US school designs", ActionStatus.OPEN, overdue_on, us),
        ("Confirm US site visit", ActionStatus.IN_PROGRESS, None, us),
        ("Archive the US minutes", ActionStatus.DONE, overdue_on, us),
        ("Answer the Greek ministry", ActionStatus.OPEN, None, greek),
    ]:
        ActionItem.objects.create(
            engagement=visit, description_ar=text, description_en=text, owner_user=officer,
            status=status, due_on=due, agreement=agreement,
        )  # fmt: skip
    return {"school": school, "port": port}


def _get(client, user, query="?country=US", lang="en"):
    client.force_login(user)
    client.cookies["imar_language"] = lang
    return client.get(URL + query)


def test_briefing_shows_us_agreements_and_not_the_greek_ones(client, officer, us_world):
    html = _get(client, officer).content.decode()
    assert "Briefing: United States of America" in html
    assert "US-OPEN" in html and "US-SECRET" in html
    assert "GR-PORT" not in html and "Greek harbour" not in html
    assert "Derna school" in html and "Tripoli clinic" in html
    assert "55%" in html  # progress from ProjectFigures
    assert "Development and Reconstruction Fund of Libya" in html
    assert "Prepared on" in html and "officer" in html


def test_confidential_agreement_is_marked_confidential(client, officer, us_world):
    html = _get(client, officer).content.decode()
    row = html[html.index("US-SECRET") :]
    row = row[: row.index("</tr>")]
    assert "Confidential" in row
    open_row = html[html.index("US-OPEN") :]
    assert "Confidential" not in open_row[: open_row.index("</tr>")]


def test_open_and_overdue_actions_listed_done_ones_not(client, officer, us_world):
    html = _get(client, officer).content.decode()
    assert "Send the US school designs" in html and "Confirm US site visit" in html
    assert "Archive the US minutes" not in html
    designs = html[html.index("Send the US school designs") :]
    assert "Overdue" in designs[: designs.index("</tr>")]


def test_money_by_region_sums_equal_the_projects_figures(officer, us_world):
    data = briefing.briefing("US", user=officer)
    assert len(data["by_region"]) == 2  # Derna is in the East, Tripoli in the West
    assert sum(row["budget_lyd"] for row in data["by_region"]) == Decimal("3000.00")
    assert sum(row["committed_lyd"] for row in data["by_region"]) == Decimal("1100.00")
    assert sum(row["disbursed_lyd"] for row in data["by_region"]) == Decimal("350.00")
    assert data["money_total"]["budget_lyd"] == Decimal("3000.00")
    assert {row["sector"]: row["budget_lyd"] for row in data["by_sector"]} == {
        "housing": Decimal("1000.00"),
        "health": Decimal("2000.00"),
    }


def test_money_tables_name_the_sectors_and_regions(client, officer, us_world):
    html = _get(client, officer).content.decode()
    region_table = html[html.index("Money by region (LYD)") :]
    region_table = region_table[: region_table.index("</table>")]
    assert "East" in region_table and "West" in region_table and "Sector" not in region_table
    assert "3,000" in region_table  # the total line: both budgets, no Greek money


def test_key_figures_count_agreements_and_value_by_currency(officer, us_world):
    counts = briefing.briefing("US", user=officer)["agreement_counts"]
    assert [(row["count"]) for row in counts["by_status"]] == [2]
    assert {row["currency"]: row["total"] for row in counts["by_currency"]} == {
        "EUR": Decimal("1000000.00"),
        "USD": Decimal("1000000.00"),
    }


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL + "?country=US")
    assert response.status_code == 302 and "login" in response["Location"]


def test_outsider_is_refused(client, outsider):
    assert _get(client, outsider).status_code == 403


def test_auditor_can_read_the_briefing_with_confidential_agreements(client, auditor, us_world):
    response = _get(client, auditor)
    assert response.status_code == 200
    assert b"US-SECRET" in response.content


@pytest.mark.parametrize("query", ["?country=ZZ", "?country=LY", "?country=<b>"])
def test_invalid_country_shows_the_picker_with_a_message(client, officer, query):
    html = _get(client, officer, query).content.decode()
    assert "is not a partner country" in html
    assert 'name="country"' in html and "Briefing:" not in html


def test_invalid_country_message_is_in_arabic(client, officer):
    html = _get(client, officer, "?country=ZZ", lang="ar").content.decode()
    assert "ليست دولة شريكة" in html
    assert 'dir="rtl"' in html


def test_missing_country_asks_for_one(client, officer):
    html = _get(client, officer, "").content.decode()
    assert "Choose the partner country the briefing is about." in html


def test_briefing_in_arabic_names_the_country_in_arabic(client, officer, us_world):
    html = _get(client, officer, lang="ar").content.decode()
    assert "الولايات المتحدة" in html and "سرية" in html


def test_coordination_page_offers_the_briefing_picker(client, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("partners:coordination")).content.decode()
    assert "Briefing for a country" in html and URL in html


def test_query_count_does_not_grow_with_rows(
    client, officer, us_world, make_agreement, make_project, us_agency, visit,
    django_assert_max_num_queries,
):  # fmt: skip
    for _ in range(4):
        agreement = make_agreement(us_agency, projects=[make_project()])
        ActionItem.objects.create(
            engagement=visit, description_ar="متابعة", owner_user=officer, agreement=agreement
        )
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    client.get(URL + "?country=US")  # warm caches (session, profile)
    with django_assert_max_num_queries(17):  # 16, and one for aid's donor-activities section
        response = client.get(URL + "?country=US")
    assert response.status_code == 200
    assert response.content.decode().count("متابعة") == 4
