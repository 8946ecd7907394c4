"""The fund's own IATI file names the donors' activities its projects are linked to.

Imar's IATI export (`imar/opendata/exports/iati/activities.py`) publishes the fund's
projects only: a donor's activity is the donor's to publish, never republished as the
fund's. A project with a confirmed link to a donor activity names it, once per activity, as
`<related-activity ref="donor's iati-identifier" type="5"/>`.

Type 5 of the IATI RelatedActivityType codelist is "Third Party: a report by another
organisation on the same activity you are reporting": a confirmed link says exactly that
(a person confirmed that the donor's activity and the fund's project are the same work).
Not 1-3 (parent, child, sibling: sub-components reported by the same publisher, a
hierarchy neither side declared), not 4 (co-funded: an activity funded by several
organisations, a property of one activity, which the donor's flows already show as
transactions). Suggested and rejected links are not published.

`related_by_project(project_ids)` is one query per chunk of projects, as the results
framework's `results_by_project` is; the exporter puts the elements where the schema's
`iati-activity` sequence wants them (after `document-link`, before `result`).
"""

from lxml import etree

from imar.aid.enums import LinkStatus
from imar.aid.models import ActivityLink

THIRD_PARTY = "5"  # RelatedActivityType: another organisation's report of the same activity


def related_by_project(project_ids: list[int]) -> dict[int, list[etree._Element]]:
    """{project id: its `related-activity` elements}, confirmed links only, by identifier."""
    out: dict[int, list[etree._Element]] = {}
    rows = (
        ActivityLink.objects.filter(project_id__in=project_ids, status=LinkStatus.CONFIRMED)
        .order_by("project_id", "activity__iati_identifier")
        .values_list("project_id", "activity__iati_identifier")
        .distinct()
    )
    for project_id, identifier in rows:
        element = etree.Element("related-activity", ref=identifier, type=THIRD_PARTY)
        out.setdefault(project_id, []).append(element)
    return out


def place_related(activity: etree._Element, related: list[etree._Element]) -> None:
    """Put the elements after `document-link` and before the first `result` (at the end
    when the activity has no result yet: the exporter appends results after this)."""
    first_result = activity.find("result")
    for element in related:
        if first_result is not None:
            first_result.addprevious(element)
        else:
            activity.append(element)
