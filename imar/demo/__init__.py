"""Synthetic demo data: `imar demo` and one generator per domain app.

Not part of the fund's software proper: no production module imports this package (an
import-linter contract checks it), so the demo can grow without touching the apps."""
