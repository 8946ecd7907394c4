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


def schema_warnings(activity, version: str = "") -> list[str]:
    """The schema's complaints about one activity.

    `iati-activity` is a global element of the schema, so the element is validated where
    it stands (lxml validates a subtree in place, without copying it or wrapping it in a
    file element); `version` is the file's and is checked once, by the reader."""
    schema = activity_schema()
    if schema.validate(activity):
        return []
    return [
        f"line {error.line}: {error.message}"[:300]
        for error in list(schema.error_log)[:MAX_WARNINGS]
    ]
