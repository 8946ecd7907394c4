"""The one Arabic catalogue is complete: every translatable string of the code and templates is
in it, translated (not empty, not fuzzy), with the same placeholders.

The strings are extracted with Django's `makemessages` (GNU xgettext), the tool `make messages`
uses, so the test and the maintainer's workflow agree on what a msgid is (contexts, plurals,
`blocktranslate trimmed`). It runs on a copy of the sources, so the tree is never written to.
"""

import contextlib
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

IMAR_DIR = Path(__file__).resolve().parents[2] / "imar"
CATALOGUE = IMAR_DIR / "locale/ar/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def placeholder_problems(entry):
    wanted = sorted(PLACEHOLDER.findall(entry.msgid))
    translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
    problems = []
    for text in translations:
        found = sorted(PLACEHOLDER.findall(text))
        # Arabic plural forms may spell out "one" or "two" instead of the number.
        if found != wanted and not (entry.msgid_plural and set(found) <= set(wanted)):
            problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    return problems


def test_there_is_one_catalogue_and_settings_find_it():
    assert [Path(path) for path in settings.LOCALE_PATHS] == [IMAR_DIR / "locale"]
    assert CATALOGUE.exists()
    assert sorted(IMAR_DIR.glob("*/locale")) == [], "per-app catalogues are gone: use imar/locale"


def test_catalogue_is_complete_and_keeps_placeholders():
    problems = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags or not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        problems += placeholder_problems(entry)
    assert problems == []


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The msgids `makemessages` finds in the code and templates, as a fresh catalogue."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed (apt-get install gettext; .ci/run does it)")
    source = tmp_path_factory.mktemp("extract") / "imar"
    shutil.copytree(
        IMAR_DIR, source, ignore=shutil.ignore_patterns("locale", "static", "__pycache__")
    )
    (source / "locale").mkdir()  # makemessages writes to the locale directory it finds
    with contextlib.chdir(source):
        call_command("makemessages", locale=["ar"], ignore_patterns=["static"], verbosity=0)
    return polib.pofile(str(source / "locale/ar/LC_MESSAGES/django.po"))


def test_every_translatable_string_in_the_code_is_translated(extracted):
    catalogue = {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(CATALOGUE))}
    problems = []
    for found in extracted:
        where = ", ".join(f"{path}:{line}" for path, line in found.occurrences[:2])
        entry = catalogue.get((found.msgctxt, found.msgid))
        if entry is None or entry.obsolete:
            problems.append(f"missing from the catalogue: {found.msgid!r} ({where})")
        elif "fuzzy" in entry.flags or not entry.translated():
            problems.append(f"untranslated: {found.msgid!r} ({where})")
        elif bool(entry.msgid_plural) != bool(found.msgid_plural):
            problems.append(f"plural form differs from the code: {found.msgid!r} ({where})")
        else:
            problems += placeholder_problems(entry)
    assert problems == []
    assert len(extracted) > 1000  # the extraction saw the whole tree
