import io
import re
import unicodedata

import pytest
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import ContentStream

from imar.forum.agenda import agenda_ics, agenda_pdf, fold
from imar.forum.models import Session, Slot
from tests.forum._helpers import meeting_between
from tests.forum._pdftext import pdf_text


@pytest.fixture
def agenda_owner(event, make_delegate, officer):
    me = make_delegate("Jane Doe")
    other = make_delegate("سالم الورفلي", kind="libyan_institution", country="LY")
    other.organization.name_ar = "بلدية درنة"
    other.organization.save()
    meeting_between(officer, me, other, slot_index=1, table_number=2)
    slot = Slot.objects.filter(event=event).first()
    Session.objects.create(
        event=event, title_ar="الجلسة الافتتاحية، إعادة إعمار درنة", title_en="Opening; Derna",
        starts_at=slot.starts_at.replace(hour=7), ends_at=slot.starts_at.replace(hour=8),
        speakers="Minister, Fund director",
    )  # fmt: skip
    return me


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_is_valid_rfc5545(agenda_owner):
    text = agenda_ics(agenda_owner)
    raw = text.encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    # Every physical line ends in CRLF and is at most 75 octets.
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = _unfold(text)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    starts = [line for line in lines if line.startswith("DTSTART;")]
    assert len(starts) == 2
    assert all(line.startswith("DTSTART;TZID=Africa/Tripoli:2027") for line in starts)
    # The meeting at 10:20 Tripoli time, in the event's own time zone.
    assert "DTSTART;TZID=Africa/Tripoli:20270511T102000" in lines
    # ... which the calendar defines: Libya is on UTC+2 (no daylight saving since 2013).
    zone = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert "TZID:Africa/Tripoli" in zone and "TZOFFSETTO:+0200" in zone
    assert "BEGIN:STANDARD" in zone and "BEGIN:DAYLIGHT" not in zone
    assert lines.index("END:VTIMEZONE") < lines.index("BEGIN:VEVENT")
    uids = [line for line in lines if line.startswith("UID:")]
    assert any(line.startswith("UID:forum-meeting-") for line in uids)
    assert all(line.endswith("@imar.invalid") for line in uids)  # no site address set
    assert "127.0.0.1" not in text
    assert any("سالم الورفلي" in line for line in lines if line.startswith("SUMMARY:"))
    # Commas and semicolons in text are escaped.
    assert "SUMMARY:Opening\\; Derna" in lines


def test_ics_uid_host_is_the_sites_address(agenda_owner, settings):
    settings.IMAR_SITE_URL = "https://imar.fund.example.ly"
    lines = _unfold(agenda_ics(agenda_owner))
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == 2 and all(line.endswith("@imar.fund.example.ly") for line in uids)


def test_vtimezone_follows_the_tz_database_transitions():
    """Tripoli was on UTC+1 with summer time in 2013, then UTC+2 for good: the calendar
    says so for that year, and an independent zoneinfo reading agrees on each offset."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from imar.forum.agenda import vtimezone

    lines = vtimezone(ZoneInfo("Africa/Tripoli"), range(2013, 2014))
    offsets = [line.split(":")[1] for line in lines if line.startswith("TZOFFSETTO:")]
    zone = ZoneInfo("Africa/Tripoli")
    jan, jul, dec = (datetime(2013, m, 15, tzinfo=zone) for m in (1, 7, 12))
    assert jan.utcoffset() != jul.utcoffset() or jul.utcoffset() != dec.utcoffset()
    assert len(offsets) >= 2 and offsets[-1] == "+0200"
    assert vtimezone(zone, range(2027, 2028)).count("BEGIN:STANDARD") == 1


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "إعادة إعمار " * 20
    folded = fold(line).encode("utf-8")
    for part in folded.split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")  # raises if a character was cut
    assert fold(line).replace("\r\n ", "") == line


def _to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:  # a standard font (Helvetica) reportlab lists by default
        return {}
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    return mapping


def _pypdf_lines(pdf: bytes) -> list[str]:
    """The text layer in the order it is written, parsed by pypdf (an independent PDF
    parser): the strings each text object shows, decoded through their font's ToUnicode
    map, one line per text object, letters normalised (NFKC turns the shaped presentation
    forms back into plain letters).

    Not `extract_text()`: its layout guesses that right-to-left text is stored in visual
    order and reverses it, while PDF 1.7 (ISO 32000-1, 14.8.2.3.3) has content in logical
    order unless marked /ReversedChars, which is what the agenda writes."""
    lines = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = {name: _to_unicode(font.get_object())
                 for name, font in page["/Resources"]["/Font"].items()}  # fmt: skip
        font, line = {}, None
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"BT":
                line = ""
            elif operator == b"ET":
                lines.append(unicodedata.normalize("NFKC", line).strip())
            elif operator == b"Tf":
                font = fonts[operands[0]]
            elif operator == b"Tj":
                raw = operands[0]
                raw = raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
                line += "".join(font.get(byte, chr(byte)) for byte in raw)
    return lines


def test_pdf_agenda_text_layer_reads_arabic_in_logical_order(agenda_owner):
    with translation.override("ar"):
        pdf = agenda_pdf(agenda_owner)
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-10:]
    assert b"DejaVuSans" in pdf
    lines = _pypdf_lines(pdf)
    checkin = "رمز تسجيل الحضور: " + agenda_owner.checkin_code
    assert checkin in lines, lines
    assert any("Jane Doe" in line for line in lines)
    assert any("سالم الورفلي" in line for line in lines)
    reversed_name = "سالم الورفلي"[::-1]
    assert not any(reversed_name in line for line in lines)
    # The project's own reader agrees: written in reading order, drawn shaped.
    ours = [unicodedata.normalize("NFKC", line) for line in pdf_text(pdf).splitlines()]
    assert checkin in ours
    assert "ا" not in pdf_text(pdf)  # every Arabic letter is drawn in its joined form


def _placed(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, x, y) of each string shown on the first page, in stream order (pypdf)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {name: _to_unicode(f.get_object()) for name, f in page["/Resources"]["/Font"].items()}
    out, font, x, y = [], {}, 0.0, 0.0
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"Tf":
            font = fonts[operands[0]]
        elif operator == b"Tm":
            x, y = float(operands[4]), float(operands[5])
        elif operator == b"Td":
            x, y = x + float(operands[0]), y + float(operands[1])
        elif operator == b"Tj":
            raw = operands[0]
            raw = raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
            text = "".join(font.get(byte, chr(byte)) for byte in raw)
            out.append((unicodedata.normalize("NFKC", text), x, y))
    return out


def test_pdf_agenda_glyphs_sit_right_to_left(agenda_owner):
    """Logical order in the stream, visual order on the page: each letter of "رمز" is
    written after the one before it and drawn to its left."""
    with translation.override("ar"):
        seen = _placed(agenda_pdf(agenda_owner))
    letters = [text for text, _, _ in seen]
    start = next(i for i in range(len(letters) - 2) if letters[i : i + 3] == ["ر", "م", "ز"])
    (_, x1, y1), (_, x2, y2), (_, x3, y3) = seen[start : start + 3]
    assert y1 == y2 == y3 and x1 > x2 > x3


def test_pdf_agenda_long_lines_wrap_inside_the_margins(agenda_owner, event):
    long_title = " ".join(["إعادة إعمار المدينة القديمة ومرافقها العامة"] * 6)
    event.sessions.update(title_ar=long_title, title_en=long_title)
    with translation.override("ar"):
        pdf = agenda_pdf(agenda_owner)
    reader = PdfReader(io.BytesIO(pdf))
    page_width = float(reader.pages[0].mediabox.width)
    lines = [line for line in _pypdf_lines(pdf) if "إعمار" in line]
    assert len(lines) >= 2  # wrapped, not clipped at the page edge
    words = " ".join(lines).split()
    assert words.count("إعمار") == 6  # nothing lost in the wrap
    placed = _placed(pdf)
    assert min(x for _, x, _ in placed) >= 49.9
    assert max(x for _, x, _ in placed) <= page_width - 50


def test_pdf_agenda_in_english_keeps_latin_text_readable(agenda_owner):
    with translation.override("en"):
        pdf = agenda_pdf(agenda_owner)
    text = pdf_text(pdf)
    assert f"Check-in code: {agenda_owner.checkin_code}" in text.splitlines()
    assert "10:20–10:40 · table 2 · " in text
    assert f"Check-in code: {agenda_owner.checkin_code}" in _pypdf_lines(pdf)


def test_agenda_downloads_are_the_delegates_own(client, event, agenda_owner, make_delegate):
    client.force_login(agenda_owner.user)
    with (
        override_settings(IMAR_JOBS_IMMEDIATE=True),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        assert client.get(reverse("forum:agenda_pdf", args=[event.slug])).status_code == 202
    pdf = client.get(reverse("forum:agenda_pdf", args=[event.slug]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    ics = client.get(reverse("forum:agenda_ics", args=[event.slug]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert agenda_owner.checkin_code in ics["Content-Disposition"]
    page = client.get(reverse("forum:agenda", args=[event.slug])).content.decode()
    assert "سالم الورفلي" in page
    stranger = make_delegate("Stranger")
    client.force_login(stranger.user)
    assert (
        "سالم الورفلي"
        not in client.get(reverse("forum:agenda", args=[event.slug])).content.decode()
    )
