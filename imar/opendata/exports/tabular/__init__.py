"""CSV and XLSX tables of projects and transactions."""
