"""Spreadsheet imports, one module per kind of file: `damage` (an assessment's damage
records) and `projects` (candidate projects). Each reads its file through the shared reader
`imar.core.sheets` and the helpers of `common`; a new standard's importer goes beside them."""
