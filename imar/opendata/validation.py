"""Validate exports against the official schemas shipped in `schemas/` (no network)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rfc3986_validator import validate_rfc3986

SCHEMAS = Path(__file__).resolve().parent / "schemas"


def format_checker() -> FormatChecker:
    """jsonschema's checker, with "uri" checked by a real RFC 3986 parser whichever parsers are
    installed (without one, jsonschema passes every string as a URI, silently)."""
    checker = FormatChecker()

    @checker.checks("uri", raises=ValueError)
    def is_uri(instance) -> bool:
        return not isinstance(instance, str) or validate_rfc3986(instance, rule="URI")

    @checker.checks("uri-reference", raises=ValueError)
    def is_uri_reference(instance) -> bool:
        return not isinstance(instance, str) or validate_rfc3986(instance, rule="URI_reference")

    return checker


@cache
def _xml_schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "iati" / name)))


def iati_errors(xml: bytes, *, organisation: bool = False) -> list[str]:
    """Schema errors of an IATI activity (or organisation) file; empty when valid."""
    name = "iati-organisations-schema.xsd" if organisation else "iati-activities-schema.xsd"
    schema = _xml_schema(name)
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


@cache
def _oc4ids_validator() -> Draft4Validator:
    project_schema = json.loads((SCHEMAS / "oc4ids" / "project-schema.json").read_text())
    package_schema = json.loads((SCHEMAS / "oc4ids" / "project-package-schema.json").read_text())
    resource = Resource.from_contents(project_schema, default_specification=DRAFT4)
    # The package refers to the project schema by its published URL; serve the local copy.
    registry = Registry().with_resources(
        [(project_schema["id"], resource), (_project_ref(package_schema), resource)]
    )
    return Draft4Validator(package_schema, registry=registry, format_checker=format_checker())


def _project_ref(package_schema: dict) -> str:
    return package_schema["properties"]["projects"]["items"]["$ref"]


def oc4ids_errors(package: dict) -> list[str]:
    errors = _oc4ids_validator().iter_errors(package)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def iati_rule_errors(xml: bytes, *, today=None) -> list[str]:
    """Checks from the IATI Standard's rules that a schema cannot express: start before end,
    no actual date in the future, sector and country percentages summing to 100, budget
    periods of at most a year, end after start, and transaction dates not in the future."""
    from datetime import date

    today = today or date.today()
    errors = []
    root = etree.fromstring(xml)
    for activity in root.iter("iati-activity"):
        name = activity.findtext("iati-identifier")
        dates = {
            d.get("type"): date.fromisoformat(d.get("iso-date"))
            for d in activity.iter("activity-date")
        }
        if not ({"1", "2"} & dates.keys()):
            errors.append(f"{name}: no planned or actual start date")
        for start, end in (("1", "3"), ("2", "4")):
            if start in dates and end in dates and dates[end] < dates[start]:
                errors.append(f"{name}: activity-date {end} before {start}")
        for kind in ("2", "4"):
            if kind in dates and dates[kind] > today:
                errors.append(f"{name}: actual date (type {kind}) in the future")
        for tag in ("sector", "recipient-country"):
            percentages = [float(e.get("percentage", 100)) for e in activity.findall(tag)]
            if percentages and abs(sum(percentages) - 100) > 0.01:
                errors.append(f"{name}: {tag} percentages sum to {sum(percentages)}")
        for budget in activity.findall("budget"):
            start = date.fromisoformat(budget.find("period-start").get("iso-date"))
            end = date.fromisoformat(budget.find("period-end").get("iso-date"))
            if end < start or (end - start).days > 366:
                errors.append(f"{name}: budget period {start}..{end}")
        for transaction in activity.findall("transaction"):
            day = date.fromisoformat(transaction.find("transaction-date").get("iso-date"))
            if day > today:
                errors.append(f"{name}: transaction dated in the future ({day})")
    return errors


# Coded attributes of an IATI file and the codelist (shipped in schemas/iati/codelists/)
# each must be drawn from, as the IATI Validator checks them: (element path, attribute,
# codelist). Sector codes are checked only where the vocabulary is 1 (DAC 5-digit), aid
# types where it is 1 (DAC).
IATI_CODED = [
    ("activity-status", "code", "ActivityStatus"),
    ("activity-date", "type", "ActivityDateType"),
    ("participating-org", "role", "OrganisationRole"),
    ("participating-org", "type", "OrganisationType"),
    ("reporting-org", "type", "OrganisationType"),
    ("transaction/provider-org", "type", "OrganisationType"),
    ("transaction/receiver-org", "type", "OrganisationType"),
    ("recipient-country", "code", "Country"),
    ("sector[@vocabulary='1']", "code", "Sector"),
    ("collaboration-type", "code", "CollaborationType"),
    ("default-flow-type", "code", "FlowType"),
    ("default-finance-type", "code", "FinanceType"),
    ("default-aid-type[@vocabulary='1']", "code", "AidType"),
    ("budget", "type", "BudgetType"),
    ("transaction/transaction-type", "code", "TransactionType"),
    ("budget/value", "currency", "Currency"),
    ("transaction/value", "currency", "Currency"),
    ("document-link/category", "code", "DocumentCategory"),
    ("location/administrative", "vocabulary", "GeographicVocabulary"),
    ("location/location-reach", "code", "GeographicLocationReach"),
    ("location/exactness", "code", "GeographicExactness"),
    ("location/location-class", "code", "GeographicLocationClass"),
    ("location/feature-designation", "code", "LocationType"),
]
IATI_ORGANISATION_CODED = [
    ("reporting-org", "type", "OrganisationType"),
    ("recipient-country-budget/recipient-country", "code", "Country"),
    ("total-budget/value", "currency", "Currency"),
    ("total-expenditure/value", "currency", "Currency"),
    ("document-link/category", "code", "DocumentCategory"),
]


@cache
def iati_codelist(name: str) -> frozenset[str]:
    tree = etree.parse(str(SCHEMAS / "iati" / "codelists" / f"{name}.xml"))
    return frozenset(tree.xpath("//codelist-item/code/text()"))


def iati_codelist_errors(xml: bytes, *, organisation: bool = False) -> list[str]:
    """Codes of an IATI activity (or organisation) file that are not in their codelist."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    tag, coded = (
        ("iati-organisation", IATI_ORGANISATION_CODED)
        if organisation
        else ("iati-activity", IATI_CODED)
    )
    errors = []
    for item in root.iter(tag):
        for path, attribute, codelist in coded:
            for element in item.xpath(path):
                value = element.get(attribute)
                if value is not None and value not in iati_codelist(codelist):
                    errors.append(f"line {element.sourceline}: {path}/@{attribute} {value!r}")
    return errors


def iati_organisation_rule_errors(xml: bytes) -> list[str]:
    """The Standard's rules for the organisation file's budget and expenditure periods:
    end after start, at most a year."""
    from datetime import date

    errors = []
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in root.xpath("//total-budget | //recipient-country-budget | //total-expenditure"):
        start = date.fromisoformat(element.find("period-start").get("iso-date"))
        end = date.fromisoformat(element.find("period-end").get("iso-date"))
        if end < start or (end - start).days > 366:
            errors.append(f"line {element.sourceline}: {element.tag} period {start}..{end}")
    return errors
