"""IATI 2.03 activity and organisation XML, streamed one activity at a time.

Each activity is built as a small lxml tree and serialized on its own, between a written
header and footer, so memory does not grow with the number of projects. Elements follow
the order of the schema's `iati-activity` sequence. Code mappings are in `codes.py`.

No invented data: an activity's dates are the project's own (a project with no planned or
actual start is not in the IATI file, whose rules need one, until it has one); every
budgeted project publishes its budget (yearly periods, or one period when its end is not
known yet), and an unbudgeted one says `budget-not-provided`. The file never depends on who
asks for it: both languages as narratives, codes for countries.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from imar.aid.exports.iati import place_related, related_by_project
from imar.opendata.codes import (
    IATI_ACTIVITY_STATUS,
    IATI_FUND_ROLE,
    IATI_ORGANISATION_ROLE,
    IATI_TRANSACTION_TYPE,
    iati_collaboration_type,
    iati_document_category,
    iati_organisation_type,
)
from imar.opendata.documents import document_url, project_page_url, site_url
from imar.opendata.records import (
    CHUNK_SIZE,
    DOCUMENTS,
    PARTICIPATIONS,
    TRANSACTIONS,
    DocumentRecord,
    OrganizationRecord,
    ProjectRecord,
    TransactionRecord,
    iter_records,
)
from imar.opendata.source import fund_identifier, project_identifier, require_publication
from imar.portfolio.sectors import SECTOR_CODES
from imar.results.exports.iati.result import results_by_project

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
    """The fund as reporting, participating, provider or receiver organisation: the same
    element every time, built once (per settings) and copied."""
    key = (
        tag,
        tuple(sorted(attrs.items())),
        fund_identifier(),
        settings.IMAR_FUND_NAME_AR,
        settings.IMAR_FUND_NAME_EN,
    )
    template = _TEMPLATES.get(key)
    if template is None:
        template = etree.Element(
            tag, {"ref": fund_identifier(), "type": FUND_ORGANISATION_TYPE, **attrs}
        )
        _narratives(template, {"ar": settings.IMAR_FUND_NAME_AR, "en": settings.IMAR_FUND_NAME_EN})
        _TEMPLATES[key] = template
    parent.append(template.__copy__())


# Elements that are the same in every activity, keyed by what they are built from.
_TEMPLATES: dict = {}


def _org_element(parent, tag: str, organization: OrganizationRecord, **attrs) -> None:
    """An organization with its identifier (`ref`) and type; the fund is always itself."""
    if organization.is_fund:
        _fund_org(parent, tag, **attrs)
        return
    attrs = {
        **({"ref": organization.iati_identifier} if organization.iati_identifier else {}),
        "type": iati_organisation_type(organization.kind, str(organization.country)),
        **attrs,
    }
    element = etree.SubElement(parent, tag, attrs)
    _narratives(element, {"ar": organization.name_ar, "en": organization.name_en})


def has_start(project: ProjectRecord, today: date) -> bool:
    """Whether the IATI file can hold the project (its rules need a planned or actual start)."""
    return any(kind in ("1", "2") for kind, _ in _activity_dates(project, today))


def _activity_dates(project: ProjectRecord, today: date) -> list[tuple[str, date]]:
    """(type, date) pairs, the project's own; IATI forbids actual dates in the future."""
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
    return [(kind, value) for kind, value in dates if value]


def budget_span(project: ProjectRecord) -> tuple[date, date] | None:
    """The period the budget covers: planned dates, else actual ones; with a start but no end
    yet, the budget's first year (IATI budget periods last at most a year)."""
    start = project.planned_start or project.actual_start
    if start is None:
        return None
    end = project.planned_end or project.actual_end
    if end is None or end < start:
        return start, _year_after(start) - timedelta(days=1)
    return start, end


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def budget_periods(start: date, end: date, amount: Decimal) -> list[tuple[date, date, Decimal]]:
    """Split a budget over periods of at most one year (an IATI rule), pro rata by days.

    The split is indicative: the fund records one budget per project, not yearly ones.
    The parts add up to the amount exactly (the last one takes the rounding).
    """
    periods = []
    cursor = start
    while cursor <= end:
        next_year = _year_after(cursor)
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


def activity_element(
    project: ProjectRecord, *, today: date, base_url: str | None = None
) -> etree._Element:
    base_url = site_url() if base_url is None else base_url
    last_updated = project.updated_at.isoformat(timespec="seconds")
    attrs = {
        "last-updated-datetime": last_updated,
        XML_LANG: "ar",
        "default-currency": project.currency,
        "hierarchy": "1",
    }
    if project.budget is None:
        attrs["budget-not-provided"] = "3"  # not yet known: the project is being prepared
    activity = etree.Element("iati-activity", attrs)
    etree.SubElement(activity, "iati-identifier").text = project_identifier(project)
    _fund_org(activity, "reporting-org")
    _text_element(activity, "title", project.title_ar, project.title_en)
    description_ar = project.description_ar or project.title_ar
    description_en = project.description_en or project.title_en
    _text_element(activity, "description", description_ar, description_en, type="1")

    written = {(IATI_FUND_ROLE, fund_identifier())}
    _fund_org(activity, "participating-org", role=IATI_FUND_ROLE)
    for participation in project.participations:
        organization = participation.organization
        role = IATI_ORGANISATION_ROLE[participation.role]
        key = (role, fund_identifier() if organization.is_fund else organization.pk)
        if key in written:
            continue
        written.add(key)
        _org_element(activity, "participating-org", organization, role=role)

    etree.SubElement(activity, "activity-status", code=IATI_ACTIVITY_STATUS[project.status])
    for kind, value in _activity_dates(project, today):
        etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": value.isoformat()})
    _contact_info(activity, base_url)
    etree.SubElement(activity, "recipient-country", code="LY", percentage="100")
    _location(activity, project)
    etree.SubElement(
        activity,
        "sector",
        vocabulary="1",
        code=SECTOR_CODES[project.sector].dac5,
        percentage="100",
    )
    funders = [p.organization for p in project.participations if p.role == "funder"]
    if collaboration := iati_collaboration_type([(o.kind, o.is_fund) for o in funders]):
        etree.SubElement(activity, "collaboration-type", code=collaboration)
    for tag, code in (
        ("default-flow-type", settings.IMAR_IATI_DEFAULT_FLOW_TYPE),
        ("default-finance-type", settings.IMAR_IATI_DEFAULT_FINANCE_TYPE),
    ):
        if code:
            etree.SubElement(activity, tag, code=code)
    if settings.IMAR_IATI_DEFAULT_AID_TYPE:
        etree.SubElement(
            activity, "default-aid-type", code=settings.IMAR_IATI_DEFAULT_AID_TYPE, vocabulary="1"
        )
    span = budget_span(project)
    if project.budget is not None and span is not None:
        for period_start, period_end, value in budget_periods(*span, project.budget):
            budget = etree.SubElement(activity, "budget", type="1", status="1")
            etree.SubElement(budget, "period-start", {"iso-date": period_start.isoformat()})
            etree.SubElement(budget, "period-end", {"iso-date": period_end.isoformat()})
            etree.SubElement(
                budget,
                "value",
                {"currency": project.currency, "value-date": period_start.isoformat()},
            ).text = str(value)
    if settings.IMAR_IATI_CAPITAL_SPEND:
        etree.SubElement(activity, "capital-spend", percentage=settings.IMAR_IATI_CAPITAL_SPEND)
    for transaction in project.transactions:
        _transaction(activity, transaction)
    page = _TEMPLATES.get("page")
    if page is None:
        page = _TEMPLATES["page"] = etree.Element("document-link", url="", format="text/html")
        _text_element(page, "title", "صفحة المشروع", "Project page")
        etree.SubElement(page, "category", code="A12")  # activity web page
    page = page.__copy__()
    page.set("url", project_page_url(project.code, base_url))
    activity.append(page)
    for document in project.documents:
        _document_link(activity, project, document, base_url)
    _result(activity, project)
    return activity


def _contact_info(activity, base_url: str) -> None:
    """The fund's public contact (settings: no person's name), the same in every activity:
    built once per file and copied."""
    key = (
        base_url,
        settings.IMAR_OPEN_DATA_EMAIL,
        settings.IMAR_FUND_NAME_EN,
        settings.IMAR_FUND_NAME_AR,
    )
    template = _TEMPLATES.get(key)
    if template is None:
        template = _TEMPLATES[key] = _contact_element(base_url)
    activity.append(template.__copy__())


def _contact_element(base_url: str) -> etree._Element:
    contact = etree.Element("contact-info", type="1")  # general enquiries
    organisation = etree.SubElement(contact, "organisation")
    _narratives(organisation, {"ar": settings.IMAR_FUND_NAME_AR, "en": settings.IMAR_FUND_NAME_EN})
    if settings.IMAR_OPEN_DATA_EMAIL:
        etree.SubElement(contact, "email").text = settings.IMAR_OPEN_DATA_EMAIL
    if base_url.startswith(("http://", "https://")):
        etree.SubElement(contact, "website").text = base_url + "/"
    return contact


def _result(activity, project: ProjectRecord) -> None:
    """Physical progress as an output result: the verified percentage of works done."""
    figures = project.figures
    if figures is None:
        return
    result = etree.SubElement(activity, "result", {"type": "1", "aggregation-status": "0"})
    _text_element(result, "title", "التقدم المادي", "Physical progress")
    indicator = etree.SubElement(result, "indicator", measure="2", ascending="1")
    _text_element(indicator, "title", "نسبة الأعمال المنجزة", "Share of the works completed")
    start = project.actual_start or project.planned_start or figures.as_of
    start = min(start, figures.as_of)
    etree.SubElement(
        indicator,
        "baseline",
        {"year": str(start.year), "iso-date": start.isoformat(), "value": "0"},
    )
    period = etree.SubElement(indicator, "period")
    etree.SubElement(period, "period-start", {"iso-date": start.isoformat()})
    etree.SubElement(period, "period-end", {"iso-date": figures.as_of.isoformat()})
    etree.SubElement(period, "target", value="100")
    etree.SubElement(period, "actual", value=str(figures.progress_percent))


def _document_link(
    activity, project: ProjectRecord, document: DocumentRecord, base_url: str
) -> None:
    """After the transactions, as the schema's sequence wants."""
    element = etree.SubElement(
        activity,
        "document-link",
        url=document_url(project.code, document.pk, base_url),
        format=document.content_type,
    )
    _text_element(element, "title", document.title_ar, document.title_en)
    etree.SubElement(element, "category", code=iati_document_category(document.category))
    if document.document_date:
        etree.SubElement(element, "document-date", {"iso-date": document.document_date.isoformat()})


def _location(activity, project: ProjectRecord) -> None:
    """Where the activity happens, with the administrative units it lies in.

    Codes: IATI's GeographicVocabulary (a closed codelist, shipped) has no vocabulary for
    ISO 3166-2 or OCHA p-codes. A1 (FAO GAUL) and A2 (UN SALB) carry those gazetteers' own
    numeric codes, A3 GADM ids, G1 GeoNames ids, G2 OpenStreetMap ids; writing "LY-DR" or
    "LY010102" under any of them would name a different (or no) place. So `administrative`
    carries only what a vocabulary defines, the country (A4, ISO 3166-1, level 0), and the
    district's ISO 3166-2:LY code and the municipality's OCHA p-code travel in the location's
    `ref` (the publisher's own reference: `<project code>-<p-code>`) and, readable, in its
    `description`; OC4IDS carries them as gazetteer entries (`oc4ids/package.py`).

    Class and exactness (GeographicLocationClass, GeographicExactness, shipped): the site's
    own point is a structure (3) placed exactly (1). The municipality's point (a project
    with no site point, or a location-sensitive one) is only a centroid standing for the
    municipality, an administrative region (1), approximate (2); its feature designation is
    ADM3, the level of a municipality (baladiya) in OCHA's Libya p-codes (LY01 region,
    LY0101 district, LY010101 municipality)."""
    point = project.point
    municipality = project.municipality
    key = ("location", municipality, point.approximate)
    template = _TEMPLATES.get(key)
    if template is None:
        template = _TEMPLATES[key] = _location_element(municipality, point.approximate)
    location = template.__copy__()
    location.set("ref", f"{project.code}-{municipality.pcode}")
    location[_POS_INDEX][0].text = f"{point.latitude:.6f} {point.longitude:.6f}"
    activity.append(location)


_POS_INDEX = 4  # location-reach, name, description, administrative, point


def _location_element(municipality, approximate: bool) -> etree._Element:
    """A municipality's location element without the project's ref and point: the same for
    every project there, built once and copied (`_location`)."""
    district = municipality.district
    location = etree.Element("location", ref="")
    etree.SubElement(location, "location-reach", code="1")  # the activity happens here
    _text_element(location, "name", municipality.name_ar, municipality.name_en)
    codes = f"OCHA p-code {municipality.pcode}, ISO 3166-2 {district.iso_code}"
    _text_element(
        location,
        "description",
        f"بلدية {municipality.name_ar} ({codes})",
        f"Municipality of {municipality.name_en}, {district.name_en} district ({codes})",
    )
    etree.SubElement(location, "administrative", vocabulary="A4", level="0", code="LY")
    position = etree.SubElement(location, "point", srsName=WGS84)
    etree.SubElement(position, "pos")
    assert location[_POS_INDEX] is position
    etree.SubElement(location, "exactness", code="2" if approximate else "1")
    etree.SubElement(location, "location-class", code="1" if approximate else "3")
    if approximate:
        etree.SubElement(location, "feature-designation", code="ADM3")
    return location


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
            _org_element(element, tag, organization)


def data_updated(queryset) -> str:
    """When these projects last changed: the files' dates come from the data, so the same
    data gives the same bytes (one query)."""
    updated = queryset.order_by().aggregate(last=Max("updated_at"))["last"]
    return (updated or timezone.now()).isoformat(timespec="seconds")


RESULTS_CHUNK = CHUNK_SIZE
ACTIVITIES_PER_CHUNK = 32  # activities sent together


def activities_xml(queryset, *, base_url: str | None = None) -> Iterator[bytes]:
    """The IATI activity file for these projects (those with a start date), in byte chunks."""
    require_publication()
    base_url = site_url() if base_url is None else base_url
    today = timezone.localdate()
    generated = data_updated(queryset)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n'
    ).encode()
    records = iter_records(queryset, related=RELATED)
    while chunk := list(islice(records, RESULTS_CHUNK)):
        # The results framework's indicators (approved periods of public indicators), after
        # the physical-progress result: three queries per chunk of projects.
        results = results_by_project([project.id for project in chunk])
        # Donors' activities confirmed as the same work: named, never republished.
        related = related_by_project([project.id for project in chunk])
        pieces = []
        for project in chunk:
            if not has_start(project, today):
                continue
            element = activity_element(project, today=today, base_url=base_url)
            place_related(element, related.get(project.id, ()))
            for result in results.get(project.id, ()):
                element.append(result)
            pieces.append(etree.tostring(element, encoding="UTF-8"))
            if len(pieces) == ACTIVITIES_PER_CHUNK:
                yield b"\n".join(pieces) + b"\n"
                pieces.clear()
        if pieces:
            yield b"\n".join(pieces) + b"\n"
    yield b"</iati-activities>\n"


def calendar_years(start: date, end: date, amount: Decimal) -> dict[int, Decimal]:
    """A budget over start..end split by calendar year, pro rata by days; the parts add up
    to the amount exactly (the last year takes the rounding)."""
    total_days = (end - start).days + 1
    parts, allotted = {}, Decimal("0")
    for year in range(start.year, end.year + 1):
        if year == end.year:
            parts[year] = amount - allotted
            break
        days = (min(end, date(year, 12, 31)) - max(start, date(year, 1, 1))).days + 1
        parts[year] = (amount * days / total_days).quantize(Decimal("0.01"))
        allotted += parts[year]
    return parts


def _yearly(totals: dict, start: date, end: date, amount: Decimal) -> None:
    """Add a budget to calendar-year totals."""
    for year, value in calendar_years(start, end, amount).items():
        totals[year] += value


def _period_value(element, year: int, amount: Decimal) -> None:
    etree.SubElement(element, "period-start", {"iso-date": f"{year}-01-01"})
    etree.SubElement(element, "period-end", {"iso-date": f"{year}-12-31"})
    etree.SubElement(
        element, "value", {"currency": settings.IMAR_BASE_CURRENCY, "value-date": f"{year}-01-01"}
    ).text = str(amount.quantize(Decimal("0.01")))


def organisation_totals(queryset) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Yearly totals in the base currency of these projects: budgets (each project's kept
    budget in LYD, split over its budget periods like its activity's budgets, then summed by
    calendar year) and expenditure (the expenditure transactions by their year)."""
    from imar.monitoring.models import Transaction

    budgets: dict[int, Decimal] = defaultdict(Decimal)
    rows = queryset.values_list(
        "planned_start", "planned_end", "actual_start", "actual_end", "figures__budget_lyd"
    )
    for planned_start, planned_end, actual_start, actual_end, budget_lyd in rows.iterator():
        start = planned_start or actual_start
        if budget_lyd is None or start is None:
            continue
        end = planned_end or actual_end
        if end is None or end < start:
            end = _year_after(start) - timedelta(days=1)
        _yearly(budgets, start, end, budget_lyd)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    for day, amount in (
        Transaction.objects.public()
        .filter(project__in=queryset.order_by().values("pk"), kind="expenditure")
        .values_list("date", "amount_lyd")
        .iterator()
    ):
        spent[day.year] += amount
    return dict(budgets), dict(spent)


def organisation_xml(queryset=None, *, base_url: str | None = None) -> bytes:
    """The IATI organisation file describing the fund: its yearly total budget (also as the
    budget for Libya, where all its projects are), yearly expenditure and links to its
    open data. `last-updated-datetime` is the last change of a public project, so the file
    only changes when its data does."""
    from imar.opendata.source import export_projects

    require_publication()
    base_url = site_url() if base_url is None else base_url
    queryset = export_projects() if queryset is None else queryset
    budgets, spent = organisation_totals(queryset)
    stamp = data_updated(queryset)
    root = etree.Element(
        "iati-organisations", version=IATI_VERSION, **{"generated-datetime": stamp}
    )
    organisation = etree.SubElement(
        root, "iati-organisation", {"last-updated-datetime": stamp, XML_LANG: "ar"}
    )
    etree.SubElement(organisation, "organisation-identifier").text = fund_identifier()
    _text_element(organisation, "name", settings.IMAR_FUND_NAME_AR, settings.IMAR_FUND_NAME_EN)
    _fund_org(organisation, "reporting-org")
    for year in sorted(budgets):
        _period_value(
            etree.SubElement(organisation, "total-budget", status="1"), year, budgets[year]
        )
    for year in sorted(budgets):
        element = etree.SubElement(organisation, "recipient-country-budget", status="1")
        etree.SubElement(element, "recipient-country", code="LY")
        _period_value(element, year, budgets[year])
    for year in sorted(spent):
        _period_value(etree.SubElement(organisation, "total-expenditure"), year, spent[year])
    if base_url.startswith(("http://", "https://")):
        for path, title_ar, title_en in (
            ("/", "بوابة الصندوق", "The fund's portal"),
            (reverse("opendata:index"), "البيانات المفتوحة", "Open data"),
        ):
            link = etree.SubElement(
                organisation, "document-link", url=base_url + path, format="text/html"
            )
            _text_element(link, "title", title_ar, title_en)
            etree.SubElement(link, "category", code="B16")  # organisation web page
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
