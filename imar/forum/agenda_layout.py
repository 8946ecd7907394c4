"""Lines of mixed Arabic and Latin text for a PDF whose text layer reads in logical order.
Pure: no Django, no PDF.

A PDF shows glyphs where it is told to; what copy-paste, search and screen readers get is
the order the glyphs are written in the content stream. So a line is laid out twice: the
glyphs are placed in visual order (right to left for Arabic), but written in logical order,
each at its own place. The steps:

1. `wrap`: greedy word wrap of the logical text to a width (a word too long alone is cut).
2. `arabic_reshaper` turns letters into their contextual forms (still logical order).
3. `levels`: the embedding levels of the Unicode Bidirectional Algorithm (UAX #9) for one
   paragraph without explicit embeddings: rules W1–W7, N1–N2, I1–I2 (brackets are treated
   as neutrals, not paired by N0; they are mirrored at odd levels, rule L4).
4. `visual_order`: rule L2, the logical index shown at each visual position.

`tests/forum/test_agenda_layout.py` checks 3 and 4 against python-bidi (an independent
implementation of UAX #9) on generated text.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import arabic_reshaper

MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
            "«": "»", "»": "«"}  # fmt: skip


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Logical lines of at most `width` (as `measure` says), broken at spaces."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while measure(word) > width and len(word) > 1:  # cut a word wider than the line
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def shape(text: str) -> str:
    """Arabic letters in their joined (contextual) forms, in logical order."""
    return arabic_reshaper.reshape(text)


def _types(text: str) -> list[str]:
    return [unicodedata.bidirectional(char) or "L" for char in text]


def levels(text: str, *, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of one paragraph (UAX #9 without
    explicit embeddings or bracket pairs)."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    types = _types(text)
    n = len(types)
    # W1: a non-spacing mark takes the type of the character before it.
    for i, kind in enumerate(types):
        if kind == "NSM":
            types[i] = types[i - 1] if i else sos
    # W2: European digits after Arabic letters are Arabic numbers. W3: AL is R.
    last = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, n - 1):
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    # W5: terminators next to European numbers are numbers.
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: remaining separators and terminators are neutral.
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
    # W7: European numbers after a left-to-right letter are left to right.
    last = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R"):
            last = kind
        elif kind == "EN" and last == "L":
            types[i] = "L"
    # N1, N2: a run of neutrals between two strong types of one direction takes it
    # (numbers count as R); otherwise the paragraph's direction.
    neutral = {"B", "S", "WS", "ON", "BN"}

    def strong(kind: str) -> str:
        return "R" if kind in ("R", "EN", "AN") else kind

    i = 0
    while i < n:
        if types[i] in neutral:
            j = i
            while j < n and types[j] in neutral:
                j += 1
            before = strong(types[i - 1]) if i > 0 else sos
            after = strong(types[j]) if j < n else sos
            fill = before if before == after else ("R" if rtl else "L")
            types[i:j] = [fill] * (j - i)
            i = j
        else:
            i += 1
    # I1, I2.
    out = []
    for kind in types:
        if base == 0:
            out.append({"R": 1, "AN": 2, "EN": 2}.get(kind, 0))
        else:
            out.append({"L": 2, "AN": 2, "EN": 2}.get(kind, 1))
    # L1: trailing whitespace goes back to the paragraph level.
    original = _types(text)
    k = n
    while k > 0 and original[k - 1] in ("WS", "S", "B", "BN"):
        k -= 1
        out[k] = base
    return out


def visual_order(resolved: list[int]) -> list[int]:
    """L2: the logical index at each visual position (left to right)."""
    order = list(range(len(resolved)))
    if not resolved:
        return order
    highest = max(resolved)
    lowest_odd = min((level for level in resolved if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if resolved[order[i]] >= level:
                j = i
                while j < len(order) and resolved[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


@dataclass(frozen=True)
class Glyph:
    char: str  # as drawn: shaped, mirrored at odd levels
    x: float  # from the line's left edge


def layout(text: str, *, rtl: bool, advance: Callable[[str], float]) -> tuple[list[Glyph], float]:
    """The glyphs of one line in logical order, each with its left edge, and the line's
    width. `advance` gives a character's width."""
    shaped = shape(text)
    resolved = levels(shaped, rtl=rtl)
    order = visual_order(resolved)
    drawn = [MIRRORED.get(char, char) if resolved[i] % 2 else char for i, char in enumerate(shaped)]
    x_of = [0.0] * len(shaped)
    x = 0.0
    for index in order:
        x_of[index] = x
        x += advance(drawn[index])
    return [Glyph(char=drawn[i], x=x_of[i]) for i in range(len(shaped))], x


def display(text: str, *, rtl: bool) -> str:
    """The shaped line as it looks, left to right (what python-bidi's get_display gives)."""
    shaped = shape(text)
    resolved = levels(shaped, rtl=rtl)
    return "".join(
        MIRRORED.get(shaped[i], shaped[i]) if resolved[i] % 2 else shaped[i]
        for i in visual_order(resolved)
    )
