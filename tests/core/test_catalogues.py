"""Every Arabic catalogue shipped is complete: no empty, fuzzy or placeholder-breaking entry."""

import re
from pathlib import Path

import polib
import pytest

CATALOGUES = sorted(
    (Path(__file__).resolve().parents[2] / "imar").glob("*/locale/ar/LC_MESSAGES/*.po")
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def test_every_app_has_an_arabic_catalogue():
    apps = {path.parents[3].name for path in CATALOGUES}
    assert {"core", "accounts", "geo", "partners", "portfolio", "needs", "forum", "portal"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_catalogue_is_complete_and_keeps_placeholders(path):
    catalogue = polib.pofile(str(path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags or not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(PLACEHOLDER.findall(text))
            # Arabic plural forms may spell out "one" or "two" instead of the number.
            if found != wanted and not (entry.msgid_plural and set(found) <= set(wanted)):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert problems == []
