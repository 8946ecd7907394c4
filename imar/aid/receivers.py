"""What aid adds to the pages of apps below it (registered in AidConfig.ready)."""

from imar.accounts.permissions import is_staff_member
from imar.aid import selectors


def needs_page_section(*, overview, currency: str, user) -> tuple[str, dict]:
    balance = selectors.balance(overview, currency=currency)
    return "aid/_needs_balance.html", {
        "aid_balance": balance,
        # The coverage on the needs map counts donors' disbursements (needs/extensions.py).
        "district_disbursed": {row.district.pk: row.donor_disbursed for row in balance["rows"]},
    }


def briefing_section(*, country: str, user) -> tuple[str, dict]:
    rows = []
    for activity in selectors.country_activities(country):
        rows.append({"activity": activity, "totals": selectors.transaction_totals(activity)})
    return "aid/_briefing_activities.html", {"aid_activities": rows}


def project_page_section(*, project, user) -> tuple[str, dict]:
    links = list(selectors.project_links(project)) if is_staff_member(user) else []
    return "aid/_project_links.html", {"aid_links": links}
