"""A delegate's personal agenda as an ICS calendar (RFC 5545) and as a PDF with Arabic
shaped and ordered right to left (reportlab + DejaVu Sans, arabic_reshaper, python-bidi)."""

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import arabic_reshaper
from bidi.algorithm import get_display
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from imar.core.models import pick_language
from imar.forum.models import Participant
from imar.forum.selectors import meetings_of, other_side

# A server-side font (package data with its licence), outside static/ so it is not served.
FONT_PATH = Path(__file__).resolve().parents[1] / "core/fonts/dejavu-fonts-ttf/ttf/DejaVuSans.ttf"
FONT_NAME = "DejaVuSans"
_ARABIC = re.compile("[\u0600-\u06ff]")

# --------------------------------------------------------------------------- ICS


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def agenda_ics(participant: Participant, *, now: datetime | None = None) -> str:
    event = participant.event
    stamp = _utc(now or timezone.now())
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "imar"
    host = host.lstrip(".") if host not in ("*", "") else "imar"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Imar//Forum agenda//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(event.name)}",
    ]
    for meeting in meetings_of(participant):
        other = other_side(meeting, participant)
        where = _("Table %(number)s") % {"number": meeting.table.number}
        if meeting.table.room_id:
            where += f", {meeting.table.room.name}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:forum-meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(meeting.slot.starts_at)}",
            f"DTEND:{_utc(meeting.slot.ends_at)}",
            "SUMMARY:"
            + _ics_text(
                _("Meeting: %(name)s (%(organization)s)")
                % {"name": other.delegate_name, "organization": other.organization.name}
            ),
            f"LOCATION:{_ics_text(where + ', ' + event.venue)}",
            f"DESCRIPTION:{_ics_text(meeting.request.message)}",
            "END:VEVENT",
        ]
    for session in event.sessions.select_related("room"):
        lines += [
            "BEGIN:VEVENT",
            f"UID:forum-session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_ics_text(session.title)}",
            f"LOCATION:{_ics_text(session.room.name if session.room else event.venue)}",
            f"DESCRIPTION:{_ics_text(session.speakers)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# --------------------------------------------------------------------------- PDF


def _register_font() -> None:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH)))


def visual(text: str, *, rtl: bool = True) -> str:
    """Arabic letters joined into their contextual forms and laid out right to left (in a
    right-to-left paragraph when ``rtl``, else inside a left-to-right one)."""
    if not _ARABIC.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text), base_dir="R" if rtl else "L")


class _Writer:
    def __init__(self, buffer, rtl: bool) -> None:
        self.pdf = canvas.Canvas(buffer, pagesize=A4)
        self.width, self.height = A4
        self.rtl = rtl
        self.margin = 50
        self.y = self.height - self.margin

    def line(self, text: str, size: int = 11, gap: int = 6) -> None:
        if self.y < self.margin + size:
            self.pdf.showPage()
            self.y = self.height - self.margin
        self.pdf.setFont(FONT_NAME, size)
        shown = visual(text, rtl=self.rtl)
        if self.rtl:
            self.pdf.drawRightString(self.width - self.margin, self.y, shown)
        else:
            self.pdf.drawString(self.margin, self.y, shown)
        self.y -= size + gap


def agenda_pdf(participant: Participant) -> bytes:
    _register_font()
    buffer = io.BytesIO()
    writer = _Writer(buffer, rtl=get_language_bidi())
    event = participant.event
    writer.pdf.setTitle(f"{event.name} – {participant.delegate_name}")
    writer.line(event.name, size=16)
    writer.line(f"{event.city} · {event.venue}", size=10, gap=14)
    writer.line(
        _("Personal agenda of %(name)s, %(organization)s")
        % {"name": participant.delegate_name, "organization": participant.organization.name},
        size=12,
        gap=4,
    )
    writer.line(_("Check-in code: %(code)s") % {"code": participant.checkin_code}, gap=16)
    meetings = list(meetings_of(participant))
    writer.line(_("Meetings"), size=13)
    if not meetings:
        writer.line(_("No meetings scheduled yet."))
    day = None
    for meeting in meetings:
        start = timezone.localtime(meeting.slot.starts_at)
        if start.date() != day:
            day = start.date()
            writer.line(date_format(day, "DATE_FORMAT"), size=11, gap=4)
        other = other_side(meeting, participant)
        end = timezone.localtime(meeting.slot.ends_at)
        writer.line(
            _("%(start)s–%(end)s · table %(table)s · %(name)s, %(organization)s")
            % {
                "start": f"{start:%H:%M}",
                "end": f"{end:%H:%M}",
                "table": meeting.table.number,
                "name": other.delegate_name,
                "organization": other.organization.name,
            },
            size=10,
        )
    sessions = list(event.sessions.select_related("room"))
    if sessions:
        writer.y -= 10
        writer.line(_("Sessions"), size=13)
        for session in sessions:
            start = timezone.localtime(session.starts_at)
            writer.line(
                f"{date_format(start.date(), 'SHORT_DATE_FORMAT')} {start:%H:%M} · "
                + pick_language(session.title_ar, session.title_en),
                size=10,
            )
    writer.pdf.showPage()
    writer.pdf.save()
    return buffer.getvalue()
