"""Stream `<iati-activity>` elements out of a file that may be hostile.

lxml with entity resolution off, no network, no DTD loading and huge-tree off (libxml2
then refuses text nodes over 10 MB and deep nesting); a document type declaration is
refused outright (IATI files never need one, and that is where XXE and entity bombs live).

Two parsers read the same bytes, each byte read from the file once:

1. a pull parser is fed the file's start until the root element opens: the root is checked
   (DTD, IATI activity file, version) before anything else is parsed;
2. an `iterparse` of the whole file (its start replayed from the bytes already read) that
   reports only the ends of `iati-activity` elements, so libxml2 builds each activity in C
   with no Python work per element. After each activity every finished child of the root
   is freed: one activity in memory at a time whatever the file's size, and the bytes read
   since the last activity are capped (MAX_ACTIVITY_BYTES) so nothing else can pile up.

Each activity is handed over with its original XML: the very bytes of the file (sliced by
their offsets, the root's namespace declarations added to the start tag so it stands
alone), not a re-serialisation. Where the bytes cannot be sliced safely (a comment, CDATA
or processing instruction in the activity, a file not in UTF-8, an unusual end tag) the
reader falls back to lxml's serialisation of the element for the rest of the file.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHUNK = 1 << 16
MAX_PROLOGUE_BYTES = 4 << 20  # what may come before the root element opens
MAX_ACTIVITY_BYTES = 64 << 20  # what may be read without an activity ending
_OPEN, _CLOSE = b"<iati-activity", b"</iati-activity>"
_AFTER_NAME = frozenset(b" \t\r\n>")
_UTF8 = ("utf-8", "utf8", "us-ascii", "ascii")
# Inside an activity's bytes, a comment, CDATA or processing instruction may hide tag-like
# text (or the found start may be inside one): then the bytes are not sliced.
_UNSURE = (b"<!", b"-->", b"]]>", b"<?", b"?>")
_SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class FileRefused(ValueError):
    """The whole file is refused; the message is translated and says why."""


@dataclass
class Header:
    version: str
    default_lang: str


class _Tap:
    """The file's bytes read once: served to the parsers, kept until an activity's own
    bytes have been sliced off."""

    def __init__(self, raw):
        self.raw = raw
        self.buf = bytearray()
        self.base = 0  # file offset of buf[0]
        self.served = 0  # file offset the current parser has been given up to
        self.since_activity = 0

    def read(self, n: int = -1) -> bytes:
        end = self.base + len(self.buf)
        if self.served < end:  # replay what an earlier parser already read
            start = self.served - self.base
            chunk = bytes(self.buf[start : start + (n if n and n > 0 else CHUNK)])
        else:
            chunk = self.raw.read(n if n and n > 0 else CHUNK)
            self.buf += chunk
            self.since_activity += len(chunk)
            if self.since_activity > MAX_ACTIVITY_BYTES:
                raise FileRefused(
                    _("No activity ends within %(mb)s MB of the file: it is refused.")
                    % {"mb": MAX_ACTIVITY_BYTES >> 20}
                )
        self.served += len(chunk)
        return chunk

    def rewind(self) -> None:
        self.served = self.base

    def drop_before(self, offset: int) -> None:
        del self.buf[: offset - self.base]
        self.base = offset


def _syntax_error(error: etree.XMLSyntaxError) -> FileRefused:
    message = str(error)
    if "entity" in message.lower() or "huge" in message.lower():
        return FileRefused(_("The file was refused as unsafe XML: %(error)s") % {"error": message})
    return FileRefused(_("The file is not well-formed XML: %(error)s") % {"error": message})


def _check_root(root) -> Header:
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise FileRefused(
            _("The file declares a document type (DTD); IATI files have none, so it is refused.")
        )
    tag = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if tag == "iati-organisations":
        raise FileRefused(
            _("This is an IATI organisation file; import an activity file (iati-activities).")
        )
    if tag != "iati-activities":
        raise FileRefused(
            _("This XML file is not an IATI activity file: its root is <%(tag)s>.") % {"tag": tag}
        )
    version = (root.get("version") or "").strip()
    if version.startswith("1."):
        raise FileRefused(
            _(
                "This file is IATI version %(version)s. Versions 1.0x are no longer supported "
                "by IATI or by Imar: ask the publisher for their 2.0x file."
            )
            % {"version": version}
        )
    if version not in SUPPORTED_VERSIONS:
        raise FileRefused(
            _("IATI version “%(version)s” is not supported (2.01, 2.02 and 2.03 are).")
            % {"version": version or "?"}
        )
    return Header(version=version, default_lang=(root.get(XML_LANG) or "").lower())


def _open_root(tap: _Tap):
    """(header, the root's namespace declarations, whether the file is UTF-8), read from the
    file's start only."""
    parser = etree.XMLPullParser(events=("start",), **_SAFE)
    try:
        while tap.served < MAX_PROLOGUE_BYTES:
            chunk = tap.read(CHUNK)
            if not chunk:
                parser.close()
                break
            parser.feed(chunk)
            for _event, root in parser.read_events():
                header = _check_root(root)
                encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
                return header, _declarations(root), encoding in _UTF8
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from None
    if tap.served >= MAX_PROLOGUE_BYTES:
        raise FileRefused(_("The file's first element does not open within its first 4 MB."))
    raise FileRefused(_("The file is empty or not XML."))


def _declarations(root) -> dict[bytes, bytes]:
    """The root's namespace declarations, as attributes for an activity's start tag."""
    out = {}
    for prefix, uri in root.nsmap.items():
        name = b"xmlns" if prefix is None else b"xmlns:" + prefix.encode()
        value = uri.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        out[name] = value.encode()
    return out


_ATTRIBUTE = re.compile(rb"\s(xmlns(?::[^\s=]+)?)\s*=")


def _inside_markup(buf: bytearray, start: int) -> bool:
    """Whether `start` may be inside a comment, CDATA or processing instruction: the last
    one opened before it is not closed before it."""
    opened = max(buf.rfind(b"<!", 0, start), buf.rfind(b"<?", 0, start))
    if opened < 0:
        return False
    if buf.startswith(b"<!--", opened):
        closer = b"-->"
    elif buf.startswith(b"<![CDATA[", opened):
        closer = b"]]>"
    else:
        closer = b">"
    return buf.find(closer, opened + 2, start) < 0


class _Slicer:
    """An activity's own bytes, from the bytes the tap keeps; None when unsure."""

    def __init__(self, tap: _Tap, declarations: dict[bytes, bytes], enabled: bool):
        self.tap, self.declarations, self.enabled = tap, declarations, enabled

    def next(self) -> bytes | None:
        if not self.enabled:
            return None
        buf = self.tap.buf
        start = buf.find(_OPEN)
        end = buf.find(_CLOSE, start + 1) if start >= 0 else -1
        if (
            end < 0
            or start + len(_OPEN) >= len(buf)
            or buf[start + len(_OPEN)] not in _AFTER_NAME
            or buf.find(_OPEN, start + 1, end) >= 0
            or any(buf.find(mark, start, end) >= 0 for mark in _UNSURE)
            or _inside_markup(buf, start)
        ):
            self.enabled = False  # unsure from here on: serialise instead
            return None
        end += len(_CLOSE)
        raw = bytes(buf[start:end])
        self.tap.drop_before(self.tap.base + end)
        if self.declarations:
            head = raw[: raw.index(b">")]
            present = set(_ATTRIBUTE.findall(head))
            extra = b"".join(
                b" " + name + b'="' + value + b'"'
                for name, value in self.declarations.items()
                if name not in present
            )
            raw = _OPEN + extra + raw[len(_OPEN) :]
        return raw


def iter_activities(stream) -> Iterator[tuple[Header, etree._Element, bytes]]:
    """(header, activity element, its XML bytes) for each top-level `<iati-activity>`.

    The element is valid until the next one is asked for. Raises FileRefused for a file
    that is not XML, not IATI, of a refused version, or hostile."""
    tap = _Tap(stream)
    header, declarations, utf8 = _open_root(tap)
    tap.rewind()
    slicer = _Slicer(tap, declarations, utf8)
    root = None
    try:
        for _event, elem in etree.iterparse(tap, events=("end",), tag="{*}iati-activity", **_SAFE):
            parent = elem.getparent()
            if root is None:
                root = parent
            if parent is not root or parent is None:
                continue  # an activity inside an activity: part of the outer one
            tap.since_activity = 0
            raw = slicer.next()
            if raw is None:
                raw = etree.tostring(elem, encoding="utf-8", with_tail=False)
            yield header, elem, raw
            # free this activity and every finished child of the root before it (the
            # parser may already be building the next ones): one activity at a time
            elem.clear()
            if elem.getparent() is root:  # (else the caller detached it)
                while elem.getprevious() is not None:
                    del root[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from None
