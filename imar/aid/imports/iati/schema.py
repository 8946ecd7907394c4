"""Each activity checked against the IATI 2.03 activity schema shipped beside this module
(IATI-Schemas version-2.03, CC BY 4.0: see schema/README.md). An activity that breaks it is
still imported when usable, with the schema's messages as its warnings."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).with_name("schema")
MAX_WARNINGS = 10


@cache
def activity_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd"), parser)
    return etree.XMLSchema(doc)


def schema_warnings(activity, version: str) -> list[str]:
    """The schema's complaints about one activity, wrapped in its own file element."""
    wrapper = etree.Element("iati-activities", version=version or "2.03")
    wrapper.append(activity)  # moves the element; the caller puts it back if needed
    schema = activity_schema()
    try:
        if schema.validate(wrapper):
            return []
        return [
            f"line {error.line}: {error.message}"[:300]
            for error in list(schema.error_log)[:MAX_WARNINGS]
        ]
    finally:
        wrapper.remove(activity)
