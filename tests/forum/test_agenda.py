import pytest
from django.urls import reverse
from django.utils import translation

from imar.forum.agenda import agenda_ics, agenda_pdf, fold, visual
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
    starts = [line for line in lines if line.startswith("DTSTART:")]
    assert all(
        line.endswith("Z") and len(line) == len("DTSTART:20270511T080000Z") for line in starts
    )
    # The meeting at 10:20 Tripoli time (UTC+2) is 08:20 UTC.
    assert "DTSTART:20270511T082000Z" in lines
    assert any(line.startswith("UID:forum-meeting-") for line in lines)
    assert any("سالم الورفلي" in line for line in lines if line.startswith("SUMMARY:"))
    # Commas and semicolons in text are escaped.
    assert "SUMMARY:Opening\\; Derna" in lines


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "إعادة إعمار " * 20
    folded = fold(line).encode("utf-8")
    for part in folded.split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")  # raises if a character was cut
    assert fold(line).replace("\r\n ", "") == line


def test_pdf_agenda_embeds_the_arabic_font_and_shaped_text(agenda_owner):
    with translation.override("ar"):
        pdf = agenda_pdf(agenda_owner)
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-10:]
    assert b"DejaVuSans" in pdf
    text = pdf_text(pdf)
    lines = text.splitlines()
    # Arabic is drawn shaped (presentation forms) in visual order: the page reads right to
    # left, so the reversed logical string is what the PDF holds.
    assert visual("رمز تسجيل الحضور: " + agenda_owner.checkin_code) in lines
    assert any("Jane Doe" in line for line in lines)
    assert any(visual("سالم الورفلي") in line for line in lines)
    assert "ا" not in text  # no unshaped (isolated, logical-order) Arabic letters


def test_pdf_agenda_in_english_keeps_latin_text_readable(agenda_owner):
    with translation.override("en"):
        text = pdf_text(agenda_pdf(agenda_owner))
    assert f"Check-in code: {agenda_owner.checkin_code}" in text.splitlines()
    assert "10:20–10:40 · table 2 · " in text


def test_visual_shapes_arabic_and_leaves_latin_alone():
    assert visual("Table 3") == "Table 3"
    shaped = visual("درنة")
    assert shaped != "درنة" and len(shaped) == 4
    assert shaped[0] == "\ufe94"  # laid out right to left: the final ta marbuta comes first


def test_agenda_downloads_are_the_delegates_own(client, event, agenda_owner, make_delegate):
    client.force_login(agenda_owner.user)
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
