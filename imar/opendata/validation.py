"""Validate exports against the official schemas shipped in `schemas/` (no network)."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent / "schemas"


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
    return Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker())


def _project_ref(package_schema: dict) -> str:
    return package_schema["properties"]["projects"]["items"]["$ref"]


def oc4ids_errors(package: dict) -> list[str]:
    errors = _oc4ids_validator().iter_errors(package)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
