"""A delegate's agenda PDF as a file: written by a background job, served while unchanged.

`fingerprint(participant)` hashes everything the PDF shows, in the active language (the
event, the delegate, each meeting's time, table and other side, the sessions) and the code
that draws it; the file is `<participant>-<language>-<fingerprint>.pdf` under
`IMAR_FORUM_AGENDA_DIR`. The page asks `cached()`: a file for today's fingerprint is served
as it is; otherwise the job `forum.agenda_pdf` writes it (and removes the delegate's older
ones), and the page shows the job's bar until it can serve the file.
"""

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from imar.core.models import pick_language
from imar.forum.models import Participant
from imar.forum.selectors import meetings_of, other_side


@cache
def _code_version() -> str:
    """The drawing code's own hash: a new release redraws every agenda."""
    from imar.forum import agenda, agenda_layout

    digest = hashlib.sha256()
    for module in (agenda, agenda_layout):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(participant: Participant) -> str:
    event = participant.event
    meetings = [
        [
            meeting.slot.starts_at.isoformat(),
            meeting.slot.ends_at.isoformat(),
            meeting.table.number,
            other_side(meeting, participant).delegate_name,
            other_side(meeting, participant).organization.name,
        ]
        for meeting in meetings_of(participant)
    ]
    sessions = [
        [s.starts_at.isoformat(), pick_language(s.title_ar, s.title_en)]
        for s in event.sessions.all()
    ]
    facts = [
        _code_version(),
        get_language(),
        timezone.get_current_timezone_name(),
        [event.name, event.city, event.venue],
        [participant.delegate_name, participant.organization.name, participant.checkin_code],
        meetings,
        sessions,
    ]
    raw = json.dumps(facts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _root() -> Path:
    root = Path(settings.IMAR_FORUM_AGENDA_DIR)
    root.mkdir(parents=True, exist_ok=True)
    return root


def _language() -> str:
    return (get_language() or "ar").split("-")[0]


def path_for(participant_id: int, language: str, digest: str) -> Path:
    return _root() / f"{int(participant_id)}-{language}-{digest}.pdf"


def cached(participant: Participant) -> tuple[Path | None, str]:
    """(the file of the agenda as it is now, or None; its fingerprint)."""
    digest = fingerprint(participant)
    path = path_for(participant.pk, _language(), digest)
    return (path if path.is_file() else None), digest


def write(participant: Participant, digest: str) -> Path:
    """Draw the agenda in the active language into its file; the delegate's older files of
    that language go."""
    from imar.forum.agenda import agenda_pdf

    language = _language()
    path = path_for(participant.pk, language, digest)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(agenda_pdf(participant))
    os.replace(temporary, path)
    for old in _root().glob(f"{participant.pk}-{language}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    return path
