"""IATI 2.03 activity and organisation XML, streamed one activity at a time.

Each activity is built as a small lxml tree and serialized on its own, between a written
header and footer, so memory does not grow with the number of projects. Elements follow
the order of the schema's `iati-activity` sequence. Code mappings are in `codes.py`.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from lxml import etree

from imar.opendata.codes import (
    IATI_ACTIVITY_STATUS,
    IATI_FUND_ROLE,
    IATI_ORGANISATION_ROLE,
    IATI_TRANSACTION_TYPE,
    iati_document_category,
    iati_organisation_type,
)
from imar.opendata.documents import document_url
from imar.opendata.records import (
    DOCUMENTS,
    PARTICIPATIONS,
    TRANSACTIONS,
    DocumentRecord,
    ProjectRecord,
    TransactionRecord,
    iter_records,
)
from imar.opendata.source import fund_identifier, project_identifier
from imar.portfolio.sectors import SECTOR_CODES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"
FUND_ORGANISATION_TYPE = "10"  # Government
IATI_VERSION = "2.03"
# What an activity writes besides the project row (IATI has no milestones).
RELATED = (PARTICIPATIONS, TRANSACTIONS, DOCUMENTS)


def _narratives(parent, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        if text:
            etree.SubElement(parent, "narrative", {XML_LANG: lang}).text = text


def _text_element(parent, tag: str, arabic: str, english: str, **attrs) -> None:
    element = etree.SubElement(parent, tag, attrs)
    _narratives(element, {"ar": arabic, "en": english})


def _fund_org(parent, tag: str, **attrs) -> None:
    element = etree.SubElement(
        parent, tag, {"ref": fund_identifier(), "type": FUND_ORGANISATION_TYPE, **attrs}
    )
    _narratives(element, {"ar": settings.IMAR_FUND_NAME_AR, "en": settings.IMAR_FUND_NAME_EN})


def _activity_dates(project: ProjectRecord, today: date) -> list[tuple[str, date]]:
    """(type, date) pairs; IATI forbids actual dates in the future, and needs a start."""
    dates = [
        ("1", project.planned_start),
        (
            "2",
            project.actual_start
            if project.actual_start and project.actual_start <= today
            else None,
        ),
        ("3", project.planned_end),
        ("4", project.actual_end if project.actual_end and project.actual_end <= today else None),
    ]
    dates = [(kind, value) for kind, value in dates if value]
    if not any(kind in ("1", "2") for kind, _ in dates):
        # No start recorded yet: the registration date is the best planned start known.
        dates.insert(0, ("1", project.created_at.date()))
    return dates


def budget_periods(start: date, end: date, amount: Decimal) -> list[tuple[date, date, Decimal]]:
    """Split a budget over periods of at most one year (an IATI rule), pro rata by days.

    The split is indicative: the fund records one budget per project, not yearly ones.
    The parts add up to the amount exactly (the last one takes the rounding).
    """
    periods = []
    cursor = start
    while cursor <= end:
        try:
            next_year = cursor.replace(year=cursor.year + 1)
        except ValueError:  # 29 February
            next_year = cursor.replace(year=cursor.year + 1, day=28)
        period_end = min(next_year - timedelta(days=1), end)
        periods.append((cursor, period_end))
        cursor = period_end + timedelta(days=1)
    total_days = (end - start).days + 1
    parts, allotted = [], Decimal("0")
    for index, (period_start, period_end) in enumerate(periods):
        if index == len(periods) - 1:
            value = amount - allotted
        else:
            days = (period_end - period_start).days + 1
            value = (amount * days / total_days).quantize(Decimal("0.01"))
        allotted += value
        parts.append((period_start, period_end, value))
    return parts


def activity_element(project: ProjectRecord, *, today: date) -> etree._Element:
    last_updated = project.updated_at.isoformat(timespec="seconds")
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": last_updated,
            XML_LANG: "ar",
            "default-currency": project.currency,
            "hierarchy": "1",
        },
    )
    etree.SubElement(activity, "iati-identifier").text = project_identifier(project)
    _fund_org(activity, "reporting-org")
    _text_element(activity, "title", project.title_ar, project.title_en)
    description_ar = project.description_ar or project.title_ar
    description_en = project.description_en or project.title_en
    _text_element(activity, "description", description_ar, description_en, type="1")

    _fund_org(activity, "participating-org", role=IATI_FUND_ROLE)
    for participation in project.participations:
        organization = participation.organization
        attrs = {
            "role": IATI_ORGANISATION_ROLE[participation.role],
            "type": iati_organisation_type(organization.kind, str(organization.country)),
        }
        if organization.iati_identifier:
            attrs["ref"] = organization.iati_identifier
        element = etree.SubElement(activity, "participating-org", attrs)
        _narratives(element, {"ar": organization.name_ar, "en": organization.name_en})

    etree.SubElement(activity, "activity-status", code=IATI_ACTIVITY_STATUS[project.status])
    for kind, value in _activity_dates(project, today):
        etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": value.isoformat()})
    etree.SubElement(activity, "recipient-country", code="LY", percentage="100")
    _location(activity, project)
    etree.SubElement(
        activity,
        "sector",
        vocabulary="1",
        code=SECTOR_CODES[project.sector].dac5,
        percentage="100",
    )
    if project.budget is not None and project.planned_start and project.planned_end:
        for period_start, period_end, value in budget_periods(
            project.planned_start, project.planned_end, project.budget
        ):
            budget = etree.SubElement(activity, "budget", type="1", status="1")
            etree.SubElement(budget, "period-start", {"iso-date": period_start.isoformat()})
            etree.SubElement(budget, "period-end", {"iso-date": period_end.isoformat()})
            etree.SubElement(
                budget,
                "value",
                {"currency": project.currency, "value-date": period_start.isoformat()},
            ).text = str(value)
    for transaction in project.transactions:
        _transaction(activity, transaction)
    for document in project.documents:
        _document_link(activity, project, document)
    return activity


def _document_link(activity, project: ProjectRecord, document: DocumentRecord) -> None:
    """After the transactions, as the schema's sequence wants."""
    element = etree.SubElement(
        activity,
        "document-link",
        url=document_url(project.code, document.pk),
        format=document.content_type,
    )
    _text_element(element, "title", document.title_ar, document.title_en)
    etree.SubElement(element, "category", code=iati_document_category(document.category))
    if document.document_date:
        etree.SubElement(element, "document-date", {"iso-date": document.document_date.isoformat()})


def _location(activity, project: ProjectRecord) -> None:
    point = project.point
    municipality = project.municipality
    location = etree.SubElement(activity, "location", ref=f"{project.code}-site")
    etree.SubElement(location, "location-reach", code="1")  # the activity happens here
    _text_element(location, "name", municipality.name_ar, municipality.name_en)
    position = etree.SubElement(location, "point", srsName=WGS84)
    etree.SubElement(position, "pos").text = f"{point.latitude:.6f} {point.longitude:.6f}"
    etree.SubElement(location, "exactness", code="2" if point.approximate else "1")
    etree.SubElement(location, "location-class", code="3")  # structure


def _transaction(activity, transaction: TransactionRecord) -> None:
    day = transaction.date.isoformat()
    element = etree.SubElement(activity, "transaction", ref=f"T{transaction.pk}")
    etree.SubElement(element, "transaction-type", code=IATI_TRANSACTION_TYPE[transaction.kind])
    etree.SubElement(element, "transaction-date", {"iso-date": day})
    etree.SubElement(
        element, "value", {"currency": transaction.currency, "value-date": day}
    ).text = str(transaction.amount)
    for tag, organization in (
        ("provider-org", transaction.provider),
        ("receiver-org", transaction.receiver),
    ):
        if organization is not None:
            attrs = {"ref": organization.iati_identifier} if organization.iati_identifier else {}
            org = etree.SubElement(element, tag, attrs)
            _narratives(org, {"ar": organization.name_ar, "en": organization.name_en})


def activities_xml(queryset) -> Iterator[bytes]:
    """The IATI activity file for these projects, in byte chunks."""
    today = timezone.localdate()
    generated = timezone.now().isoformat(timespec="seconds")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n'
    ).encode()
    for project in iter_records(queryset, related=RELATED):
        element = activity_element(project, today=today)
        yield etree.tostring(element, encoding="UTF-8") + b"\n"
    yield b"</iati-activities>\n"


def organisation_xml() -> bytes:
    """The IATI organisation file describing the fund itself."""
    now = timezone.now().isoformat(timespec="seconds")
    root = etree.Element("iati-organisations", version=IATI_VERSION, **{"generated-datetime": now})
    organisation = etree.SubElement(
        root, "iati-organisation", {"last-updated-datetime": now, XML_LANG: "ar"}
    )
    etree.SubElement(organisation, "organisation-identifier").text = fund_identifier()
    _text_element(organisation, "name", settings.IMAR_FUND_NAME_AR, settings.IMAR_FUND_NAME_EN)
    _fund_org(organisation, "reporting-org")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
