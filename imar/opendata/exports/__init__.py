"""Exporters, one package per standard: `iati` (IATI 2.03 activities and organisation),
`oc4ids` (OC4IDS project package), `tabular` (CSV and XLSX tables), `geojson` (points).
Each reads the public projects through `imar.opendata.source` and writes bytes in chunks;
`imar.opendata.formats` names them for `imar export` and the download URLs. A new
standard's exporter is a new package here (its importer, when there is one, goes in the
domain app that owns the data, under `imports/`)."""
