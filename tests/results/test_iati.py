"""IATI `result` elements: checked against the IATI 2.03 activities schema (shipped in the
repo), inside the fund's own activity export, and free of anything not public."""

from decimal import Decimal

import pytest
from lxml import etree

from imar.opendata.exports.iati.activities import activities_xml
from imar.opendata.validation import iati_errors
from imar.portfolio.models import Project
from imar.results import services
from imar.results.exports.iati.result import results_by_project

pytestmark = pytest.mark.django_db


def test_results_validate_in_the_activity_file(
    storm, make_indicator, report, officer, engineer, make_project
):
    project = make_project()
    housing = make_indicator(project=project)
    period, _ = report(
        housing,
        target_value=200,
        narrative_ar="أعيد بناء 120 وحدة",
        narrative_en="120 units rebuilt",
        disaggregations=[("district", "LY-DR", 120)],
        submit=True,
    )
    services.period_approve(period=period, by=officer)
    share = services.indicator_create(
        by=officer,
        project=project,
        title_ar="نسبة",
        title_en="Share",
        unit="percent",
        measure="percentage",
    )
    part, _ = report(
        share, actual_value=None, actual_numerator=3, actual_denominator=4, submit=True
    )
    services.period_approve(period=part, by=officer)
    hidden, _ = report(make_indicator(project=project), submit=True)  # submitted, not approved

    # The fund's own activity file carries them (imar.opendata's IATI export asks
    # results_by_project per chunk of projects).
    xml = b"".join(activities_xml(Project.objects.filter(pk=project.pk)))
    root = etree.fromstring(xml)
    assert iati_errors(xml) == []
    results = root.findall(".//result")
    assert len(results) == 3  # the third indicator, with no approved period, has none
    first = results[0]
    assert first.get("type") == "1" and first.get("aggregation-status") == "1"
    indicator = first.find("indicator")
    assert indicator.get("measure") == "1"
    assert [(r.get("vocabulary"), r.get("code")) for r in indicator.findall("reference")] == [
        ("99", "housing-units-rebuilt"),
        ("9", "11.1.1"),
    ]
    baseline = indicator.find("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2024", "10360")
    (period_element,) = indicator.findall("period")
    assert period_element.find("target").get("value") == "200"
    actuals = period_element.findall("actual")
    assert [a.get("value") for a in actuals] == ["120", "120"]
    assert actuals[1].find("dimension").attrib == {"name": "district", "value": "LY-DR"}
    assert "120 units rebuilt" in etree.tostring(actuals[0], encoding=str)
    percent = results[1].find("indicator")
    assert percent.get("measure") == "2"
    assert percent.find("period/actual").get("value") == "75"
    assert not results[2].find("indicator").findall("period")  # only approved periods leave


def test_private_projects_have_no_results(make_indicator, report, officer, make_project):
    private = make_project(is_public=False)
    period, _ = report(make_indicator(project=private), submit=True)
    services.period_approve(period=period, by=officer)
    assert results_by_project([private.pk]) == {}


def test_results_by_project_query_count(
    django_assert_max_num_queries, make_indicator, report, officer, make_project
):
    ids = []
    for _ in range(4):
        project = make_project()
        ids.append(project.pk)
        period, _ = report(make_indicator(project=project), submit=True, actual_value=Decimal(5))
        services.period_approve(period=period, by=officer)
    with django_assert_max_num_queries(3):
        found = results_by_project(ids)
    assert sorted(found) == sorted(ids)
