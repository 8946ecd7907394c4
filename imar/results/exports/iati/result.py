"""IATI 2.03 `result` elements: one per public indicator of a project, with its approved
periods (target, actual, breakdown as `dimension`s, the narrative as a comment).

The fund's activity exporter (`imar/opendata/exports/iati/activities.py`) calls
`results_by_project(project_ids)` per chunk and appends each project's elements after
`document-link` and before `crs-add`, where the schema's `iati-activity` sequence puts them.

Codes: ResultType (1 output, 2 outcome, 3 impact) from the indicator; IndicatorMeasure 1
(unit) for counts, lengths and areas, 2 (percentage) for a percentage; each indicator carries
the fund's own code (IndicatorVocabulary 99, the reporting organisation) and, where the
catalogue names one, the closest SDG indicator (IndicatorVocabulary 9).
"""

from collections import defaultdict
from decimal import Decimal

from lxml import etree

from imar.results.catalogue import REPORTING_ORGANISATION
from imar.results.enums import Measure
from imar.results.models import Indicator, IndicatorPeriod

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_MEASURE = {
    Measure.COUNT: "1",
    Measure.LENGTH: "1",
    Measure.AREA: "1",
    Measure.PERCENTAGE: "2",
}


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _narratives(parent, tag: str, arabic: str, english: str) -> None:
    if not (arabic or english):
        return
    element = etree.SubElement(parent, tag)
    for lang, text in (("ar", arabic), ("en", english)):
        if text:
            narrative = etree.SubElement(element, "narrative")
            narrative.set(XML_LANG, lang)
            narrative.text = text


def _percent(period: IndicatorPeriod) -> Decimal | None:
    if period.actual_numerator is None or not period.actual_denominator:
        return None
    return (period.actual_numerator * 100 / period.actual_denominator).quantize(Decimal("0.01"))


def _period(parent, period: IndicatorPeriod, measure: str) -> None:
    element = etree.SubElement(parent, "period")
    etree.SubElement(element, "period-start", {"iso-date": period.period_start.isoformat()})
    etree.SubElement(element, "period-end", {"iso-date": period.period_end.isoformat()})
    if period.target_value is not None:
        etree.SubElement(element, "target", value=_number(period.target_value))
    actual = _percent(period) if measure == Measure.PERCENTAGE else period.actual_value
    if actual is None:
        return
    total = etree.SubElement(element, "actual", value=_number(actual))
    _narratives(total, "comment", period.narrative_ar, period.narrative_en)
    if measure == Measure.PERCENTAGE:
        return
    for row in period.disaggregations.all():
        part = etree.SubElement(element, "actual", value=_number(row.value))
        etree.SubElement(part, "dimension", name=row.dimension, value=row.category)


def result_element(indicator: Indicator, periods: list[IndicatorPeriod]) -> etree._Element:
    """One `result` holding one `indicator`, with the given (approved) periods."""
    result = etree.Element("result", type=indicator.result_type or "1")
    if indicator.standard_id:
        result.set("aggregation-status", "1")
    _narratives(result, "title", indicator.title_ar, indicator.title_en)
    element = etree.SubElement(
        result, "indicator", measure=IATI_MEASURE[indicator.measure], ascending="1"
    )
    _narratives(element, "title", indicator.title_ar, indicator.title_en)
    standard = indicator.standard
    if standard is not None:
        etree.SubElement(
            element, "reference", vocabulary=REPORTING_ORGANISATION, code=standard.code
        )
        if standard.iati_vocabulary and standard.iati_code:
            etree.SubElement(
                element, "reference", vocabulary=standard.iati_vocabulary, code=standard.iati_code
            )
    if indicator.baseline_value is not None and indicator.baseline_date is not None:
        baseline = etree.SubElement(
            element,
            "baseline",
            {
                "year": str(indicator.baseline_date.year),
                "iso-date": indicator.baseline_date.isoformat(),
                "value": _number(indicator.baseline_value),
            },
        )
        if indicator.baseline_source:
            _narratives(baseline, "comment", "", indicator.baseline_source)
    for period in periods:
        _period(element, period, indicator.measure)
    return result


def results_by_project(project_ids) -> dict[int, list[etree._Element]]:
    """{project id: [result element]} of the public indicators of these projects, from
    their approved periods only (three queries, whatever the number of projects)."""
    indicators = list(
        Indicator.objects.public()
        .filter(project_id__in=list(project_ids))
        .select_related("standard")
        .order_by("project_id", "id")
    )
    periods = defaultdict(list)
    public_periods = (
        IndicatorPeriod.objects.public()
        .filter(indicator__in=[i.pk for i in indicators])
        .prefetch_related("disaggregations")
        .order_by("period_start")
    )
    for period in public_periods:
        periods[period.indicator_id].append(period)
    found = defaultdict(list)
    for indicator in indicators:
        found[indicator.project_id].append(result_element(indicator, periods[indicator.pk]))
    return dict(found)
