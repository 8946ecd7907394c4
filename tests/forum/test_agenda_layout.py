"""The agenda's line layout against an independent implementation of UAX #9 (python-bidi)."""

import random

import pytest
from bidi import get_display

from imar.forum.agenda_layout import display, layout, levels, shape, visual_order, wrap

ALPHABET = (
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويةى")
    + list("abcXYZ")
    + list("0123456789٠١٢")
    + [" ", " ", ":", "-", "·", ",", "،", ".", "/", "%", "+", "–", "#", "$"]
)
AGENDA_LINES = [
    "رمز تسجيل الحضور: 6DM7B3",
    "10:20–10:40 · طاولة 2 · سالم الورفلي، بلدية درنة",
    "البرنامج الشخصي لـ Jane Doe، شركة 5",
    "11 مايو 2027",
    "Personal agenda of Jane Doe, Company 5",
]


@pytest.mark.parametrize("rtl", [True, False])
def test_display_order_matches_python_bidi_on_generated_text(rtl):
    rng = random.Random(20260512)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
        expected = get_display(shape(text), base_dir="R" if rtl else "L")
        assert display(text, rtl=rtl) == expected, repr(text)


@pytest.mark.parametrize("text", AGENDA_LINES)
def test_display_order_matches_python_bidi_on_agenda_lines(text):
    for rtl in (True, False):
        assert display(text, rtl=rtl) == get_display(shape(text), base_dir="R" if rtl else "L")


def test_visual_order_is_a_permutation_and_reverses_rtl_runs():
    resolved = levels(shape("درنة abc"), rtl=True)
    order = visual_order(resolved)
    assert sorted(order) == list(range(len(resolved)))
    assert [resolved[i] for i in order][:3] == [2, 2, 2]  # "abc" sits left, read left to right


def test_layout_writes_logical_order_and_places_glyphs_right_to_left():
    glyphs, width = layout("درنة", rtl=True, advance=lambda char: 10.0)
    assert "".join(g.char for g in glyphs) == shape("درنة")  # reading order
    assert [g.x for g in glyphs] == [30.0, 20.0, 10.0, 0.0]  # first letter rightmost
    assert width == 40.0


def test_wrap_keeps_every_word_and_the_width():
    text = " ".join(["إعادة إعمار المدينة القديمة"] * 8)
    lines = wrap(text, 100, measure=len)
    assert len(lines) > 1 and all(len(line) <= 100 for line in lines)
    assert " ".join(lines) == text
    assert wrap("x" * 25, 10, measure=len) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap("", 10, measure=len) == [""]
