"""The audit trail reads as sentences a person understands: translated actions and record
kinds, field labels, formatted money, names instead of ids, yes and no; with filters; and a
project's history includes its money, reports, milestones and status changes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from imar.accounts.audit_display import action_label, readable
from imar.accounts.models import AuditEvent
from imar.geo.models import Municipality
from imar.monitoring.money import transaction_create
from imar.portfolio.services import project_update


@pytest.fixture
def edited(make_project, officer):
    project = make_project(budget=Decimal("1000000.00"), is_public=True)
    project_update(
        project=project,
        by=officer,
        reason="revised estimate",
        budget=Decimal("33537000.00"),
        municipality=Municipality.objects.get(pcode="LY021104"),
        is_public=False,
    )
    return project


def _change(row, field):
    return next(change for change in row.changes if change.field == field)


def test_an_edit_reads_with_labels_names_and_formatted_values(edited):
    event = AuditEvent.objects.get(object_type="portfolio.project", action="update")
    with translation.override("en"):
        (row,) = readable([event])
        assert row.action == "Changed"
        assert row.type_label == "Project"
        budget = _change(row, "budget")
        assert (budget.label, budget.before, budget.after) == (
            "Budget",
            "1,000,000.00",
            "33,537,000.00",
        )
        place = _change(row, "municipality")
        assert place.after == str(Municipality.objects.get(pcode="LY021104"))
        assert place.before == str(Municipality.objects.get(pcode="LY010102"))
        public = _change(row, "is_public")
        assert (public.before, public.after) == ("Yes", "No")
    with translation.override("ar"):
        (row,) = readable([event])
        assert row.action == "عُدّل"
        assert _change(row, "is_public").after == "لا"


def test_unknown_actions_have_no_label_and_show_their_code():
    assert action_label("forum.something_new") is None
    with translation.override("en"):
        assert action_label("forum.request_send") == "Meeting request sent"


def test_the_trail_filters_by_who_kind_record_and_dates(client, auditor, edited, officer):
    client.force_login(auditor)
    url = reverse("accounts:audit_trail")
    mine = client.get(url, {"who": "officer", "object_type": "portfolio.project"})
    assert [r.event.object_id for r in mine.context["rows"]] == [str(edited.pk)] * len(
        mine.context["rows"]
    )
    assert mine.context["rows"]
    assert not client.get(url, {"who": "nobody-here"}).context["rows"]
    assert not client.get(url, {"record": "999999"}).context["rows"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert not client.get(url, {"start": tomorrow}).context["rows"]
    assert client.get(url, {"end": tomorrow, "q": edited.code}).context["rows"]


def test_a_bad_date_filter_names_the_field(client, auditor, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(auditor)
    response = client.get(reverse("accounts:audit_trail"), {"start": "yesterday"})
    assert "From: enter a date as YYYY-MM-DD." in response.content.decode()


def test_a_projects_history_includes_its_money(client, officer, edited, settings):
    transaction_create(
        by=officer,
        project=edited,
        kind="commitment",
        date=date(2025, 3, 1),
        amount="1000",
        currency="LYD",
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    response = client.get(reverse("portfolio:project_detail", args=[edited.code]))
    kinds = {row.type_label for row in response.context["changes"]}
    assert {"Project", "Transaction"} <= kinds
    body = response.content.decode()
    assert "33,537,000.00" in body and "False" not in body


def test_an_impossible_day_in_the_trail_filter_is_a_field_error(client, auditor, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(auditor)
    response = client.get(reverse("accounts:audit_trail"), {"start": "2025-02-30"})
    assert response.status_code == 200
    assert "From: enter a date as YYYY-MM-DD." in response.content.decode()
