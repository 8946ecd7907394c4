"""Names people use for a place that is not itself a municipality of the gazetteer: a
locality (muhalla) and the municipality it belongs to, e.g. Susah (سوسة), a town of Shahhat
hit by the 2023 storm. Read from data/place_aliases.csv (each row says its source). Pure."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "place_aliases.csv"


@cache
def place_aliases() -> tuple[tuple[str, str], ...]:
    """(name, municipality p-code) for every Arabic and Latin name of every alias row."""
    pairs = []
    with open(DATA, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in (row["name_ar"], row["name_en"]):
                if name.strip():
                    pairs.append((name.strip(), row["municipality_pcode"]))
    return tuple(pairs)
