"""Drift: a row changed without the application no longer matches what the trail recorded."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from imar.accounts.audit_drift import check_drift
from imar.accounts.models import Profile
from imar.geo.models import Municipality
from imar.monitoring.models import Transaction
from imar.monitoring.money import exchange_rate_set, transaction_create
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from imar.partners.enums import AgreementKind, AgreementStatus, PartyRole
from imar.partners.services import Party, agreement_create
from imar.portfolio.lifecycle import project_transition
from imar.portfolio.models import ExchangeRate, Project
from imar.portfolio.services import project_create, project_update

from .audit_support import sql


def drift() -> dict[str, list[tuple[str, str]]]:
    return {report.label: report.problems for report in check_drift() if report.problems}


@pytest.fixture
def project(gazetteer, officer):
    return project_create(
        by=officer,
        code="DRN-0001",
        title_ar="مدرسة الشهداء",
        title_en="Martyrs school",
        description_ar="ترميم مدرسة",
        description_en="Rehabilitation of a school",
        sector="education",
        project_type="rehabilitation",
        municipality=Municipality.objects.get(pcode="LY010102"),
        budget=Decimal("2500000.00"),
        planned_start=date(2025, 1, 1),
        planned_end=date(2026, 6, 30),
        is_public=False,
    )


@pytest.fixture
def money(project, officer):
    exchange_rate_set(by=officer, currency="EUR", date=date(2025, 1, 1), rate_to_lyd="5.2")
    return transaction_create(
        by=officer, project=project, kind="commitment", date=date(2025, 2, 1),
        amount="100000.00", currency="EUR",
    )  # fmt: skip


def _table(model) -> str:
    return model._meta.db_table


def test_writes_through_the_application_leave_no_drift(project, money, officer, auditor):
    project_update(project=project, by=officer, budget=Decimal("2600000"), reason="Board 12")
    project_transition(project=project, to="appraised", by=officer, reason="Appraised")
    exchange_rate_set(by=officer, currency="EUR", date=date(2025, 1, 1), rate_to_lyd="5.25")
    user = get_user_model().objects.get(username="auditor")
    user.is_staff = True
    user.save()
    assert drift() == {}


def test_a_budget_status_or_publication_changed_in_sql_is_reported(project):
    sql(
        f"UPDATE {_table(Project)} SET budget = 9999999, status = 'approved', is_public = %s "
        "WHERE id = %s",
        [True, project.pk],
    )
    problems = dict(drift())["portfolio.project"]
    messages = sorted(message for _id, message in problems)
    assert messages == [
        "budget is “9999999.00” but the trail last recorded “2500000.00”",
        "is_public is “True” but the trail last recorded “False”",
        "status is “approved” but the trail last recorded “identified”",
    ]
    assert {object_id for object_id, _m in problems} == {str(project.pk)}


def test_a_disbursement_edited_or_deleted_in_sql_is_reported(money):
    sql(f"UPDATE {_table(Transaction)} SET amount_lyd = 1 WHERE id = %s", [money.pk])
    assert drift()["monitoring.transaction"] == [
        (str(money.pk), "amount_lyd is “1.00” but the trail last recorded “520000.00”")
    ]
    sql(f"DELETE FROM {_table(Transaction)} WHERE id = %s", [money.pk])
    assert drift()["monitoring.transaction"] == [
        (str(money.pk), "is gone, although the trail never recorded its deletion")
    ]


def test_an_exchange_rate_overwritten_in_sql_is_reported(money):
    sql(f"UPDATE {_table(ExchangeRate)} SET rate_to_lyd = 4")
    [(_id, message)] = drift()["portfolio.exchangerate"]
    assert message == "rate_to_lyd is “4.000000” but the trail last recorded “5.200000”"


def test_a_confidential_agreement_published_in_sql_is_reported(officer, db):
    fund = Organization.objects.create(name_en="Fund", name_ar="الصندوق", kind="government")
    partner = Organization.objects.create(
        name_en="Partner", name_ar="شريك", kind=OrganizationKind.COMPANY, country="US"
    )
    agreement = agreement_create(
        by=officer,
        fields={
            "kind": AgreementKind.GRANT,
            "reference": "AG-1",
            "title_ar": "منحة",
            "title_en": "Grant",
            "status": AgreementStatus.SIGNED,
            "signed_on": date(2026, 3, 10),
            "value": Decimal("1000000.00"),
            "currency": "EUR",
            "is_public": False,
        },  # fmt: skip
        parties=[Party(fund, PartyRole.FIRST_PARTY), Party(partner, PartyRole.SECOND_PARTY)],
    )
    sql(f"UPDATE {agreement._meta.db_table} SET is_public = %s", [True])
    assert drift()["partners.agreement"] == [
        (str(agreement.pk), "is_public is “True” but the trail last recorded “False”")
    ]


def test_privileges_granted_in_sql_are_reported(officer, outsider):
    users = get_user_model()._meta.db_table
    sql(f"UPDATE {users} SET is_superuser = %s WHERE id = %s", [True, outsider.pk])
    sql(f"UPDATE {_table(Profile)} SET role = 'administrator' WHERE user_id = %s", [officer.pk])
    found = drift()
    assert found["auth.user"] == [
        (str(outsider.pk), "holds privileges the trail never recorded being granted")
    ]
    assert found["accounts.profile"] == [
        (
            str(officer.profile.pk),
            "role is “administrator” but the trail last recorded “fund_officer”",
        )
    ]


def test_rows_the_trail_never_saw_are_counted_not_judged(make_project, capsys):
    make_project()  # a bulk-style insert, as the demo makes
    reports = {report.label: report for report in check_drift()}
    assert reports["portfolio.project"].unrecorded == 1
    assert reports["portfolio.project"].problems == []
    call_command("audit", "verify")
    assert "portfolio.project: 1 rows have no audit event" in capsys.readouterr().out


def test_verify_command_lists_drift_and_exits_1(project, capsys):
    sql(f"UPDATE {_table(Project)} SET budget = 1 WHERE id = %s", [project.pk])
    with pytest.raises(CommandError, match="broken: 1 problem"):
        call_command("audit", "verify")
    assert f"portfolio.project {project.pk}: budget is “1.00”" in capsys.readouterr().err
    call_command("audit", "verify", "--no-drift")  # the chain itself is intact
