"""A tiny text extractor for the PDFs reportlab writes (no PDF library in the lock file):
inflates the streams, reads each embedded font's ToUnicode map and decodes the Tj strings,
so tests can read the text layer in the order it is written (one line per text object)."""

import base64
import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\n(.*?)endobj", re.S)


def _stream(body: bytes) -> bytes | None:
    match = re.search(rb"stream\r?\n(.*)endstream", body, re.S)
    if not match:
        return None
    raw = match.group(1).strip()
    if b"ASCII85Decode" in body:
        raw = base64.a85decode(raw if raw.startswith(b"<~") else b"<~" + raw, adobe=True)
    return zlib.decompress(raw) if b"FlateDecode" in body else raw


def _cmap(data: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    return mapping


def _literal(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C:  # backslash
            nxt = raw[i + 1 : i + 4]
            octal = re.match(rb"[0-7]{1,3}", nxt)
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9}.get(raw[i + 1], raw[i + 1]))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def pdf_text(data: bytes) -> str:
    objects = {int(n): body for n, body in _OBJ.findall(data)}
    fonts: dict[str, dict[int, str]] = {}
    for body in objects.values():
        name = re.search(rb"/Name /(\S+)", body)
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if name and to_unicode:
            fonts[name.group(1).decode()] = _cmap(_stream(objects[int(to_unicode.group(1))]))
    lines = []
    for body in objects.values():
        if b"/Length" not in body or b"/Subtype" in body[:300]:
            continue
        content = _stream(body)
        if not content or b" Tf" not in content:
            continue
        font: dict[int, str] = {}
        for block in re.findall(rb"BT(.*?)ET", content, re.S):  # one text object per line
            line = ""
            for token in re.finditer(rb"/(\S+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", block, re.S):
                if token.group(1):
                    font = fonts.get(token.group(1).decode(), {})
                else:
                    raw = _literal(token.group(2))
                    line += "".join(font.get(b, chr(b)) for b in raw)
            lines.append(line)
    return "\n".join(lines)
