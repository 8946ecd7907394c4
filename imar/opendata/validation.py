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
