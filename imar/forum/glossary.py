"""The matcher's bilingual glossary, as data (``glossary.json`` beside this module).

Loaded once at import. Pure: no Django. Each concept has an English and an Arabic label (shown
in reasons, in the reader's language) and the terms, in both languages, that mention it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).with_name("glossary.json")


@dataclass(frozen=True)
class Concept:
    code: str
    en: str
    ar: str
    terms: tuple[str, ...]

    def label(self, language: str) -> str:
        """The label in ``language`` ("ar" or "en"; other languages get English)."""
        return self.ar if language.split("-")[0] == "ar" else self.en


def load(path: Path = PATH) -> dict[str, Concept]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        code: Concept(code, entry["en"], entry["ar"], tuple(entry["terms"]))
        for code, entry in data["concepts"].items()
    }


CONCEPTS: dict[str, Concept] = load()


def label(code: str, language: str) -> str:
    """A concept's label in ``language``; an unknown code is shown as it is."""
    concept = CONCEPTS.get(code)
    return concept.label(language) if concept else code
