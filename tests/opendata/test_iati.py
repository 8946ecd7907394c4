from datetime import date
from decimal import Decimal

from django.core.management import call_command
from lxml import etree

from imar.opendata.exports.iati.activities import activities_xml, budget_periods, organisation_xml
from imar.opendata.source import export_projects
from imar.opendata.validation import iati_errors, iati_rule_errors
from tests.opendata.conftest import assert_no_sentinel

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _export(params=None) -> bytes:
    return b"".join(activities_xml(export_projects(params)))


def test_activity_file_is_valid_against_iati_203_schema(world):
    xml = _export()
    assert iati_errors(xml) == []


def test_activity_file_holds_only_public_projects(world):
    xml = _export()
    assert_no_sentinel(xml.decode())
    root = etree.fromstring(xml)
    identifiers = [e.text for e in root.iter("iati-identifier")]
    assert identifiers == ["XX-TEST-FUND-DRN-001", "XX-TEST-FUND-TRP-002"]


def test_activity_carries_both_languages_roles_status_sector_and_location(world):
    root = etree.fromstring(_export({"district": "LY-DR"}))
    (activity,) = root.findall("iati-activity")
    title = {n.get(XML_LANG): n.text for n in activity.find("title")}
    assert title == {
        "ar": "إعادة إعمار حي البلاد في درنة",
        "en": "Rebuilding Al-Bilad quarter, Derna",
    }
    assert activity.find("reporting-org").get("ref") == "XX-TEST-FUND"
    roles = sorted(
        (o.get("role"), o.find("narrative").text) for o in activity.findall("participating-org")
    )
    assert roles == [
        ("2", "صندوق التنمية وإعادة إعمار ليبيا"),
        ("4", "شركة الأناضول للإنشاءات"),
        ("4", "وزارة الإسكان والتعمير"),
    ]
    assert activity.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")]
    assert dates == [("1", "2025-01-01"), ("2", "2025-02-01"), ("3", "2027-06-30")]
    assert activity.find("recipient-country").attrib == {"code": "LY", "percentage": "100"}
    sector = activity.find("sector")
    assert (sector.get("vocabulary"), sector.get("code"), sector.get("percentage")) == (
        "1",
        "16040",
        "100",
    )
    assert activity.find("location/point/pos").text == "32.760000 22.640000"
    assert activity.find("location/exactness").get("code") == "1"


def test_budget_is_split_into_periods_of_at_most_a_year_summing_to_the_total(world):
    root = etree.fromstring(_export({"district": "LY-DR"}))
    budgets = root.findall("iati-activity/budget")
    assert len(budgets) == 3
    assert sum(Decimal(b.find("value").text) for b in budgets) == Decimal("2500000.00")
    for budget in budgets:
        start = date.fromisoformat(budget.find("period-start").get("iso-date"))
        end = date.fromisoformat(budget.find("period-end").get("iso-date"))
        assert start <= end < start.replace(year=start.year + 1)
        assert budget.find("value").get("currency") == "LYD"


def test_budget_periods_of_a_leap_day_start_are_contiguous():
    periods = budget_periods(date(2024, 2, 29), date(2026, 1, 10), Decimal("100.00"))
    assert periods[0][0] == date(2024, 2, 29)
    for (_, end, _), (start, _, _) in zip(periods, periods[1:], strict=False):
        assert (start - end).days == 1
    assert sum(p[2] for p in periods) == Decimal("100.00")


def test_completed_project_reports_actual_end_and_finalisation(world):
    root = etree.fromstring(_export({"sector": "roads_bridges"}))
    (activity,) = root.findall("iati-activity")
    assert activity.find("activity-status").get("code") == "3"
    assert ("4", "2025-05-01") in [
        (d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")
    ]
    assert activity.get("default-currency") == "USD"


def test_organisation_file_is_valid_and_names_the_fund(db):
    xml = organisation_xml()
    assert iati_errors(xml, organisation=True) == []
    root = etree.fromstring(xml)
    assert root.find("iati-organisation/organisation-identifier").text == "XX-TEST-FUND"


def test_export_command_writes_valid_iati_file(world, tmp_path):
    output = tmp_path / "activities.xml"
    call_command("export", "iati", "--output", str(output), "--organization-country", "tr")
    xml = output.read_bytes()
    assert iati_errors(xml) == []
    assert xml.count(b"<iati-activity ") == 1
    assert_no_sentinel(xml.decode())


def test_transactions_carry_type_value_currency_and_organizations(world):
    root = etree.fromstring(_export({"district": "LY-DR"}))
    transactions = root.findall("iati-activity/transaction")
    assert [t.find("transaction-type").get("code") for t in transactions] == ["2", "3"]
    disbursement = transactions[1]
    assert disbursement.find("value").text == "500000.00"
    assert disbursement.find("value").get("currency") == "LYD"
    assert disbursement.find("provider-org").get("ref") == "LY-GOV-MHC"
    assert disbursement.find("receiver-org/narrative").text == "شركة الأناضول للإنشاءات"


def test_activity_file_follows_the_standards_rules(world):
    assert iati_rule_errors(_export()) == []


def test_future_actual_start_is_left_out_not_published(world):
    from datetime import timedelta

    from django.utils import timezone

    housing = world["housing"]
    housing.actual_start = timezone.localdate() + timedelta(days=30)
    housing.save()
    xml = _export({"district": "LY-DR"})
    assert iati_rule_errors(xml) == []
    assert b'type="2"' not in xml


def test_rule_checker_catches_dates_out_of_order():
    xml = b"""<iati-activities><iati-activity><iati-identifier>X</iati-identifier>
      <activity-date type="1" iso-date="2025-05-01"/><activity-date type="3" iso-date="2025-01-01"/>
      <sector code="16040" percentage="60"/></iati-activity></iati-activities>"""
    errors = iati_rule_errors(xml)
    assert any("activity-date 3 before 1" in e for e in errors)
    assert any("sector percentages" in e for e in errors)


def test_export_queries_do_not_grow_with_projects(
    world, make_project, django_assert_max_num_queries
):
    for _ in range(40):
        make_project()
    # One page of projects, then one query each for organizations, transactions,
    # milestones and the organizations they name, the results framework's indicators, and
    # the donors' activities confirmed as the same work (related-activity).
    with django_assert_max_num_queries(8):
        xml = _export()
    assert xml.count(b"<iati-activity ") == 42
