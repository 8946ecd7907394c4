"""IATI 2.03 `result` elements of the fund's public indicators (for the activity export)."""
