"""Write Arabic translations into an app's catalogue with polib (no GNU gettext needed).

Several authors share one app's catalogue, so each keeps its strings in its own script
that calls `apply`: it adds missing entries and updates existing ones, leaving the rest.
"""

from pathlib import Path

import polib

IMAR_DIR = Path(__file__).resolve().parents[2] / "imar"


def apply(
    app: str, messages: dict[str, str], plurals: dict[tuple[str, str], list[str]] | None = None
):
    path = IMAR_DIR / app / "locale/ar/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(path))
    by_id = {entry.msgid: entry for entry in catalogue}
    for msgid, msgstr in messages.items():
        entry = by_id.get(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid)
            catalogue.append(entry)
            by_id[msgid] = entry
        entry.msgstr = msgstr
        entry.obsolete = False  # a string that came back after makemessages dropped it
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if "%(" in msgid and "python-format" not in entry.flags:
            entry.flags.append("python-format")
    for (singular, plural), forms in (plurals or {}).items():
        entry = by_id.get(singular)
        if entry is None:
            entry = polib.POEntry(msgid=singular, msgid_plural=plural)
            catalogue.append(entry)
        entry.msgid_plural = plural
        entry.msgstr_plural = dict(enumerate(forms))
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))
    print(f"{path}: {len(messages) + len(plurals or {})} entries written")
