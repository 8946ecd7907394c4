"""Staff pages of donors' activities: list, who does what where, detail with the matches,
imports (upload, report)."""
