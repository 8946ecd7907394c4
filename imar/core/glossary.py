"""The bilingual glossary of reconstruction terms, as data (``glossary.json`` beside this
module), and the reading of concepts in a text.

Pure: no Django. Loaded once at import. Each concept has an English and an Arabic label
(shown in reasons, in the reader's language) and the terms, in both languages, that mention
it. Terms are folded like the text (`imar.core.text.normalize_search`) and crudely stemmed
(Arabic clitic prefixes, English plurals), so spelling variants (ة/ه, أ/ا) need not be
listed. Both the forum matcher and the donor-activity matcher map Arabic and English text
onto these shared concept codes: "تحلية المياه" and "desalination plants" meet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from imar.core.text import normalize_search

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


# Arabic clitics glued to the word: conjunction/preposition + article.
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
_ARABIC = re.compile("[\u0600-\u06ff]")


def stem(word: str) -> str:
    """Crude, symmetric stemming: Arabic clitic prefixes, English plural endings."""
    if _ARABIC.search(word):
        for prefix in _AR_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix) :]
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The folded, stemmed words of ``text``."""
    return [stem(w) for w in normalize_search(text or "").split() if w]


def _build_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for code, concept in CONCEPTS.items():
        for term in concept.terms:
            toks = tuple(tokens(term))
            if toks:
                index.setdefault(toks[0], []).append((toks, code))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest phrase first
    return index


_INDEX = _build_index()


def concepts_in(text: str) -> list[str]:
    """Glossary concepts mentioned in ``text`` (in order, repeated per mention; the longest
    term wins where terms overlap)."""
    toks = tokens(text)
    found: list[str] = []
    i = 0
    while i < len(toks):
        for term, concept in _INDEX.get(toks[i], ()):
            if tuple(toks[i : i + len(term)]) == term:
                found.append(concept)
                i += len(term)
                break
        else:
            i += 1
    return found
