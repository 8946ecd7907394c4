"""The streaming reader against what hostile or wrong files do: refused, with a clear
message, nothing expanded, memory bounded."""

import io
import subprocess
import sys
import time

import pytest

from imar.aid.imports.iati.activity import read_activity
from imar.aid.imports.iati.reader import FileRefused, iter_activities
from tests.aid import files


def _read_all(data: bytes):
    return [
        (h.version, read_activity(e, file_lang=h.default_lang))
        for h, e, _x in iter_activities(io.BytesIO(data))
    ]


def test_sample_streams_six_activities_with_their_own_xml():
    with open(files.SDC, "rb") as handle:
        found = [
            (h.version, e.findtext("iati-identifier"), xml) for h, e, xml in iter_activities(handle)
        ]
    assert [f[1] for f in found] == files.SDC_IDS
    assert {f[0] for f in found} == {"2.03"}
    assert all(
        xml.startswith(b"<iati-activity") and xml.endswith(b"</iati-activity>") for *_, xml in found
    )


def test_not_xml_is_refused():
    with pytest.raises(FileRefused, match="not well-formed XML"):
        _read_all(b"identifier,title\nA,B\n")


def test_empty_file_is_refused():
    with pytest.raises(FileRefused):
        _read_all(b"")


def test_xml_that_is_not_iati_is_refused_naming_its_root():
    with pytest.raises(FileRefused, match="not an IATI activity file.*<projects>"):
        _read_all(b"<?xml version='1.0'?><projects><project/></projects>")


def test_organisation_file_is_refused_as_such():
    with pytest.raises(FileRefused, match="organisation file"):
        _read_all(b'<iati-organisations version="2.03"><iati-organisation/></iati-organisations>')


@pytest.mark.parametrize("version", ["1.01", "1.03", "1.05"])
def test_version_1_is_refused_saying_so(version):
    with pytest.raises(FileRefused) as error:
        _read_all(files.iati_file(files.activity(), version=version))
    assert version in str(error.value) and "1.0x" in str(error.value)


def test_unknown_version_is_refused():
    with pytest.raises(FileRefused, match="not supported"):
        _read_all(files.iati_file(files.activity(), version="3.0"))


@pytest.mark.parametrize("version", ["2.01", "2.02", "2.03"])
def test_versions_2_are_read(version):
    assert [v for v, _a in _read_all(files.iati_file(files.activity(), version=version))] == [
        version
    ]


def test_xxe_is_refused_and_nothing_is_read_from_disk():
    with pytest.raises(FileRefused, match="DTD") as error:
        _read_all(files.XXE)
    assert "root:" not in str(error.value)


def test_entity_expansion_bomb_is_refused_fast():
    start = time.perf_counter()
    with pytest.raises(FileRefused):
        _read_all(files.BILLION_LAUGHS)
    assert time.perf_counter() - start < 2


def test_huge_text_node_is_refused_while_streaming():
    """A 30 MB identifier (huge_tree off: libxml2 stops at 10 MB), produced on the fly."""
    chunks = [b'<iati-activities version="2.03"><iati-activity><iati-identifier>']
    chunks += [b"A" * (1 << 20)] * 30
    chunks += [b"</iati-identifier></iati-activity></iati-activities>"]
    with pytest.raises(FileRefused):
        _read_all(b"".join(chunks))


MEMORY_PROBE = """
import resource, sys
sys.path.insert(0, ".")
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imar.settings")
django.setup()
from imar.aid.imports.iati.activity import read_activity
from imar.aid.imports.iati.reader import iter_activities
from tests.aid.files import Stream, many_activities
count = int(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
seen = size = 0
for header, elem, xml in iter_activities(Stream(many_activities(count))):
    read_activity(elem)
    seen += 1
    size += len(xml)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seen, size, (after - before) * 1024)
"""


def test_memory_stays_flat_on_a_big_streamed_file():
    """~33 MB of activities generated on the fly: the reader's peak memory grows by far less
    than the file (one activity at a time), measured in a fresh process."""
    count = 30_000
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(count)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split()
    seen, size, grown = int(out[0]), int(out[1]), int(out[2])
    assert seen == count
    assert size > 30 << 20
    assert grown < 12 << 20, f"peak memory grew by {grown >> 20} MB for a {size >> 20} MB file"


def _identifiers_and_xml(data: bytes):
    from lxml import etree

    return [
        (e.findtext("iati-identifier"), etree.fromstring(xml).findtext("iati-identifier"), xml)
        for _h, e, xml in iter_activities(io.BytesIO(data))
    ]


def test_the_original_xml_is_the_files_own_bytes_standing_alone():
    one = files.activity("XX-1-A", extra='<other-identifier ref="x" type="A1"/>')
    two = files.activity("XX-1-B")
    data = files.iati_file(one, two).replace(
        b"<iati-activities ", b'<!-- made by hand --><iati-activities xmlns:x="urn:x" '
    )
    found = _identifiers_and_xml(data)
    assert [(a, b) for a, b, _x in found] == [("XX-1-A", "XX-1-A"), ("XX-1-B", "XX-1-B")]
    # byte for byte the file's text, with the root's namespace declared on the start tag
    assert found[1][2] == two.encode().replace(
        b"<iati-activity", b'<iati-activity xmlns:x="urn:x"', 1
    )


def test_a_comment_hiding_a_tag_falls_back_to_serialising():
    fake = "<!-- <iati-activity x='1'><iati-identifier>FAKE</iati-identifier></iati-activity> -->"
    data = files.iati_file(files.activity("XX-1-A"), fake, files.activity("XX-1-B"))
    found = _identifiers_and_xml(data)
    assert [(a, b) for a, b, _x in found] == [("XX-1-A", "XX-1-A"), ("XX-1-B", "XX-1-B")]
    assert b"FAKE" not in found[1][2]
