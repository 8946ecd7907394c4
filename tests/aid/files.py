"""Small IATI files written for the cases real publishers produce (and hostile ones)."""

from pathlib import Path

DATA = Path(__file__).with_name("data")
SDC = DATA / "ly-sdc-activities.xml"
SDC_IDS = [f"CH-4-202000{n}" for n in (1292, 1293, 1294, 1295, 1297, 1298)]

# A point inside Derna district, close to Derna town (LY010102).
DERNA_POINT = "32.76 22.64"


def transaction(
    type_code="2", value="1000", currency="USD", day="2025-03-01", country="", value_date=None
):
    recipient = f'<recipient-country code="{country}"/>' if country else ""
    return (
        f'<transaction><transaction-type code="{type_code}"/><transaction-date iso-date="{day}"/>'
        f'<value currency="{currency}" value-date="{value_date or day}">{value}</value>'
        f'<provider-org ref="US-GOV-1"><narrative>USAID</narrative></provider-org>'
        f'<receiver-org ref="LY-GOV-DRF"><narrative>DRF</narrative></receiver-org>'
        f"{recipient}</transaction>"
    )


def activity(
    ident="US-GOV-1-LY-0001",
    *,
    updated="2025-05-01T00:00:00Z",
    org_ref="US-GOV-1",
    org_name="U.S. Agency for International Development",
    title_en="Derna water network rehabilitation",
    title_ar="",
    title_xml=None,
    countries=("LY",),
    transactions=None,
    location=DERNA_POINT,
    sectors=(("14020", "100"),),
    lang_attr=' xml:lang="en"',
    extra="",
    status="2",
    description="Works financed by the donor.",
):
    updated_attr = f' last-updated-datetime="{updated}"' if updated else ""
    org = (
        f'<reporting-org ref="{org_ref}" type="10"><narrative>{org_name}</narrative></reporting-org>'
        if org_ref is not None
        else ""
    )
    if title_xml is None:
        narratives = f"<narrative>{title_en}</narrative>" if title_en else ""
        if title_ar:
            narratives += f'<narrative xml:lang="ar">{title_ar}</narrative>'
        title_xml = f"<title>{narratives}</title>"
    recipient = "".join(f'<recipient-country code="{c}" percentage="100"/>' for c in countries)
    sector = "".join(f'<sector vocabulary="1" code="{c}" percentage="{p}"/>' for c, p in sectors)
    place = (
        f'<location><name><narrative>Site</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>{location}</pos></point></location>'
        if location
        else ""
    )
    txs = "".join(transactions if transactions is not None else [transaction()])
    ident_xml = f"<iati-identifier>{ident}</iati-identifier>" if ident is not None else ""
    return (
        f'<iati-activity{lang_attr}{updated_attr} default-currency="USD">{ident_xml}{org}{title_xml}'
        f"{f'<description><narrative>{description}</narrative></description>' if description else ''}"
        f'<participating-org role="1" ref="{org_ref or ""}" type="10"><narrative>{org_name}</narrative></participating-org>'
        f'<activity-status code="{status}"/><activity-date iso-date="2025-01-01" type="2"/>'
        f"{recipient}{place}{sector}{txs}{extra}</iati-activity>"
    )


def iati_file(*activities, version="2.03", lang=' xml:lang="en"') -> bytes:
    body = "".join(activities)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="{version}"{lang} '
        f'generated-datetime="2025-06-01T00:00:00Z">{body}</iati-activities>'
    ).encode()


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier>
<reporting-org ref="X-1"><narrative>&xxe;</narrative></reporting-org><title><narrative>&xxe;</narrative></title>
<recipient-country code="LY"/></iati-activity></iati-activities>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>"""


class Stream:
    """A file-like object producing bytes lazily (a big file, never stored)."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._buffer = b""

    def read(self, n=-1):
        while n < 0 or len(self._buffer) < n:
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                break
        if n < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out


def many_activities(count: int, *, version="2.03"):
    """Chunks of a valid file of `count` activities, generated on the fly."""
    yield f'<?xml version="1.0"?><iati-activities version="{version}">'.encode()
    for n in range(count):
        yield activity(f"US-GOV-1-LY-{n:07d}").encode()
    yield b"</iati-activities>"
