"""A delegate's personal agenda as an ICS calendar (RFC 5545, with the event's time zone)
and as a PDF (reportlab + DejaVu Sans) whose text layer reads in logical order: Arabic is
shaped and placed right to left, but written in the order it is read, and long lines wrap
(`agenda_layout`).

WeasyPrint (HarfBuzz shaping, logical order, tagged PDF) was weighed against this route: it
needs Pango, a system library that pip cannot install (a fresh clone with only Python
fails at import), so the agenda stays on reportlab, a pure wheel."""

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import arabic_reshaper
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
from imar.forum.agenda_layout import layout, wrap
from imar.forum.models import Participant
from imar.forum.selectors import meetings_of, other_side

# A server-side font (package data with its licence), outside static/ so it is not served.
FONT_PATH = Path(__file__).resolve().parents[1] / "core/fonts/dejavu-fonts-ttf/ttf/DejaVuSans.ttf"
FONT_NAME = "DejaVuSans"

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


def uid_host() -> str:
    """The host of the site's public address (`IMAR_SITE_URL`), so a UID is globally
    unique and stable; "imar.invalid" (a reserved name) until the address is set."""
    return urlsplit(settings.IMAR_SITE_URL).hostname or "imar.invalid"


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def vtimezone(zone: ZoneInfo, years: range) -> list[str]:
    """A VTIMEZONE for these years, from the tz database's own transitions: one STANDARD or
    DAYLIGHT block per change of offset (Libya has kept UTC+2 since 2013, so usually one)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    start = datetime(years.start, 1, 1, tzinfo=UTC)
    end = datetime(years.stop, 1, 1, tzinfo=UTC)
    moment, offset = start, start.astimezone(zone).utcoffset()
    changes = [(start, offset, offset)]
    while moment < end:  # hourly steps find every transition (a year is 8,760 steps)
        nxt = moment + timedelta(hours=1)
        new = nxt.astimezone(zone).utcoffset()
        if new != offset:
            changes.append((nxt, offset, new))
            offset = new
        moment = nxt
    for at, before, after in changes:
        kind = "DAYLIGHT" if at.astimezone(zone).dst() else "STANDARD"
        local = at.astimezone(zone)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{local.replace(tzinfo=None):%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"TZNAME:{local.tzname()}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def agenda_ics(participant: Participant, *, now: datetime | None = None) -> str:
    event = participant.event
    stamp = _utc(now or timezone.now())
    host = uid_host()
    zone = ZoneInfo(settings.TIME_ZONE)
    starts = [meeting.slot.starts_at for meeting in meetings_of(participant)]
    starts += list(event.sessions.values_list("starts_at", flat=True))
    years = range(
        min((s.year for s in starts), default=timezone.now().year),
        max((s.year for s in starts), default=timezone.now().year) + 1,
    )

    def when(name: str, moment: datetime) -> str:
        return f"{name};TZID={zone.key}:{_local(moment, zone)}"

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Imar//Forum agenda//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(event.name)}",
        f"X-WR-TIMEZONE:{zone.key}",
        *vtimezone(zone, years),
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
            when("DTSTART", meeting.slot.starts_at),
            when("DTEND", meeting.slot.ends_at),
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
            when("DTSTART", session.starts_at),
            when("DTEND", session.ends_at),
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


class _Writer:
    """Lines of text that wrap at the margins; each glyph is written in reading order at
    its visual place (`agenda_layout.layout`), so the text layer reads as typed."""

    def __init__(self, buffer, rtl: bool) -> None:
        self.pdf = canvas.Canvas(buffer, pagesize=A4)
        self.width, self.height = A4
        self.rtl = rtl
        self.margin = 50
        self.y = self.height - self.margin

    def line(self, text: str, size: int = 11, gap: int = 6) -> None:
        room = self.width - 2 * self.margin

        def measure(part: str) -> float:
            return pdfmetrics.stringWidth(arabic_reshaper.reshape(part), FONT_NAME, size)

        def advance(char: str) -> float:
            return pdfmetrics.stringWidth(char, FONT_NAME, size)

        for number, part in enumerate(wrap(text, room, measure)):
            if number:
                self.y -= 2  # a wrapped line stays with its paragraph
            self._draw(part, size, advance)
        self.y -= gap

    def _draw(self, text: str, size: int, advance) -> None:
        if self.y < self.margin + size:
            self.pdf.showPage()
            self.y = self.height - self.margin
        glyphs, width = layout(text, rtl=self.rtl, advance=advance)
        left = self.width - self.margin - width if self.rtl else self.margin
        written = self.pdf.beginText()
        written.setFont(FONT_NAME, size)
        run, run_x, run_end = "", 0.0, None
        for glyph in glyphs:  # logical order; a left-to-right run goes out as one string
            x = left + glyph.x
            if run and run_end is not None and abs(x - run_end) < 0.01:
                run += glyph.char
            else:
                if run:
                    written.setTextOrigin(run_x, self.y)
                    written.textOut(run)
                run, run_x = glyph.char, x
            run_end = x + advance(glyph.char)
        if run:
            written.setTextOrigin(run_x, self.y)
            written.textOut(run)
        self.pdf.drawText(written)
        self.y -= size


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
