"""Money by partner country (from the portfolio's transactions) and the project list's
`agreement_country` filter."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from imar.monitoring.models import Transaction
from imar.partners import selectors


def _commit(project, provider, amount_lyd, kind="commitment", currency="LYD"):
    return Transaction.objects.create(
        project=project, kind=kind, date=date(2026, 3, 1), amount=Decimal(amount_lyd),
        currency=currency, amount_lyd=Decimal(amount_lyd), provider=provider,
    )  # fmt: skip


def test_money_committed_by_partner_country(make_project, us_agency, greek_ministry, fund):
    project = make_project()
    _commit(project, us_agency, "700.00")
    _commit(project, us_agency, "300.00")
    _commit(project, greek_ministry, "50.00")
    _commit(project, greek_ministry, "999.00", kind="disbursement")
    _commit(project, fund, "5000.00")  # the fund's own money is not a partner's
    rows = selectors.committed_by_country()
    assert [(r["country"], r["total_lyd"], r["count"]) for r in rows] == [
        ("US", Decimal("1000.00"), 2),
        ("GR", Decimal("50.00"), 1),
    ]


def test_partner_page_totals_committed_and_disbursed(client, officer, make_project, us_agency):
    project = make_project()
    _commit(project, us_agency, "700.00", currency="USD")
    _commit(project, us_agency, "200.00", kind="disbursement", currency="USD")
    assert selectors.organization_money(us_agency)[0]["committed"] == Decimal("700.00")
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("partners:organization_detail", args=[us_agency.pk])).content
    assert b"700" in html and b"200" in html


def test_project_list_filters_projects_covered_by_us_agreements(
    client, officer, make_agreement, us_agency, greek_ministry, make_project
):
    covered, other = make_project(title_en="Covered school"), make_project(title_en="Greek port")
    make_agreement(us_agency, projects=[covered])
    make_agreement(greek_ministry, projects=[other])
    response = client.get("/api/v1/projects/?agreement_country=US")
    codes = [row["code"] for row in response.json()["results"]]
    assert codes == [covered.code]


def test_project_filter_hides_projects_of_confidential_agreements_from_the_public(
    client, make_agreement, us_agency, make_project
):
    secret = make_project()
    make_agreement(us_agency, projects=[secret], is_public=False)
    response = client.get("/api/v1/projects/?agreement_country=US")
    assert response.json()["results"] == []
