"""IATI 2.03: activities and the fund's organisation file."""
