"""Stream `<iati-activity>` elements out of a file that may be hostile.

lxml's iterparse with entity resolution off, no network, no DTD loading and huge-tree off
(libxml2 then refuses text nodes over 10 MB and deep nesting); a document type declaration
is refused outright (IATI files never need one, and that is where XXE and entity bombs
live). Each activity is handed over with its own bytes and then freed, so memory holds one
activity at a time whatever the file's size.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class FileRefused(ValueError):
    """The whole file is refused; the message is translated and says why."""


@dataclass
class Header:
    version: str
    default_lang: str


def _parser_events(stream):
    return etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


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


def iter_activities(stream) -> Iterator[tuple[Header, etree._Element, bytes]]:
    """(header, activity element, its XML bytes) for each top-level `<iati-activity>`.

    The element is valid until the next one is asked for. Raises FileRefused for a file
    that is not XML, not IATI, of a refused version, or hostile."""
    header = root = None
    depth = 0
    try:
        for event, elem in _parser_events(stream):
            if event == "start":
                depth += 1
                if header is None:
                    header, root = _check_root(elem), elem
                continue
            depth -= 1
            if depth != 1:
                continue
            if isinstance(elem.tag, str) and etree.QName(elem).localname == "iati-activity":
                yield header, elem, etree.tostring(elem, encoding="utf-8", with_tail=False)
            # free every finished child of the root (the caller may have detached the
            # activity): one activity in memory at a time
            elem.clear()
            del root[:]
    except etree.XMLSyntaxError as error:
        message = str(error)
        if "entity" in message.lower() or "huge" in message.lower():
            raise FileRefused(
                _("The file was refused as unsafe XML: %(error)s") % {"error": message}
            ) from None
        raise FileRefused(
            _("The file is not well-formed XML: %(error)s") % {"error": message}
        ) from None
    if header is None:
        raise FileRefused(_("The file is empty or not XML."))
