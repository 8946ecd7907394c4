"""The export formats, shared by `imar export` and the public download URLs."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from imar.opendata import dictionary
from imar.opendata.exports.geojson import features as geojson
from imar.opendata.exports.iati import activities as iati
from imar.opendata.exports.oc4ids import package as oc4ids
from imar.opendata.exports.tabular import tables as tabular

KINDS = ("projects", "transactions")


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    content_type: str
    kinds: tuple[str, ...]
    # (queryset, kind, *, language="en", base_url=None, uri="") -> bytes chunks; base_url is
    # the site's address for links, uri where the download was asked for (with its query),
    # language only the reading direction of a spreadsheet (the data is the same).
    write: Callable[..., Iterator[bytes]]


def _iati(queryset, kind, *, base_url=None, uri="", language="en"):
    return iati.activities_xml(queryset, base_url=base_url)


def _oc4ids(queryset, kind, *, base_url=None, uri="", language="en"):
    return oc4ids.package_json(queryset, base_url=base_url, uri=uri)


def _table(queryset, kind):
    if kind == "transactions":
        return tabular.TRANSACTION_COLUMNS, tabular.transaction_rows(queryset)
    return tabular.PROJECT_COLUMNS, tabular.project_rows(queryset)


def _csv(queryset, kind, *, language="en", **_links):
    return tabular.csv_bytes(*_table(queryset, kind))


def _xlsx(queryset, kind, *, language="en", **_links):
    """The data is the same in every language; an Arabic download reads right to left."""
    header, rows = _table(queryset, kind)
    return tabular.xlsx_bytes(
        header,
        rows,
        title=kind,
        right_to_left=language == "ar",
        about=dictionary.about_rows(header),
    )


def _geojson(queryset, kind, *, language="en", **_links):
    return geojson.geojson_bytes(queryset)


FORMATS = {
    f.name: f
    for f in [
        ExportFormat("iati", "xml", "application/xml", ("projects",), _iati),
        ExportFormat("oc4ids", "json", "application/json", ("projects",), _oc4ids),
        ExportFormat("csv", "csv", "text/csv; charset=utf-8", KINDS, _csv),
        ExportFormat(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            KINDS,
            _xlsx,
        ),
        ExportFormat("geojson", "geojson", "application/geo+json", ("projects",), _geojson),
    ]
}
FORMAT_BY_EXTENSION = {
    "xml": "iati",
    "json": "oc4ids",
    "csv": "csv",
    "xlsx": "xlsx",
    "geojson": "geojson",
}
