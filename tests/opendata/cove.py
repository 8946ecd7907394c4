"""libcoveoc4ids (the library behind the OC4IDS Data Review Tool), run offline.

libcoveoc4ids fetches the schema and codelists from standard.open-contracting.org; here they
come from the copies shipped in `imar/opendata/schemas/oc4ids/` (OC4IDS 0.9.4). Everything
else (schema validation with its format checks, conformance checks, additional checks,
codelist checks) is the library's own code.
"""

import csv
import json
from functools import cached_property
from pathlib import Path

from libcoveoc4ids.common_checks import common_checks_oc4ids
from libcoveoc4ids.config import LibCoveOC4IDSConfig
from libcoveoc4ids.schema import SchemaOC4IDS

from imar.opendata.validation import SCHEMAS

OC4IDS = SCHEMAS / "oc4ids"


class LocalSchemaOC4IDS(SchemaOC4IDS):
    """The shipped schema files instead of HTTP requests (`schema_host` is a directory: the
    library's reference loader opens files for anything that is not http)."""

    @cached_property
    def schema_str(self):
        return (OC4IDS / "project-schema.json").read_text()

    @cached_property
    def pkg_schema_str(self):
        # The package refers to the project schema by its published URL; point the reference
        # at the shipped copy (the library follows a reference without a scheme to a file).
        text = (OC4IDS / "project-package-schema.json").read_text()
        project_ref = json.loads(text)["properties"]["projects"]["items"]["$ref"]
        return text.replace(project_ref, str(OC4IDS / "project-schema.json"))

    def process_codelists(self):
        super().process_codelists()  # the codelist paths of the schema, then ...
        self.core_codelists = {
            name: _codelist(OC4IDS / "codelists" / name)
            for name in {value[0] for value in self.core_codelist_schema_paths.values()}
        }
        self.extended_codelists = dict(self.core_codelists)


def _codelist(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as file:
        return {row["Code"]: row.get("Title", "") for row in csv.DictReader(file)}


def review(package: dict) -> dict:
    """libcoveoc4ids' whole result for this package (its `context`)."""
    host = f"{OC4IDS}/"
    config = LibCoveOC4IDSConfig(
        {
            "schema_version": "0.9.4",
            "schema_version_choices": {"0.9.4": ("0.9.4", host)},
            "schema_host": host,
            "cache_all_requests": False,
        }
    )
    # What libcoveoc4ids.api.oc4ids_json_output runs, with the local schema.
    return common_checks_oc4ids(
        {"file_type": "json"}, "", package, LocalSchemaOC4IDS(config), cache=False
    )
