"""Imar's own IATI file: the fund's projects only; a confirmed donor activity is named as a
related activity (type 5, third party), valid against the IATI 2.03 schema."""

import pytest
from lxml import etree

from imar.aid import services
from imar.aid.enums import LinkStatus
from imar.aid.exports.iati import THIRD_PARTY, related_by_project
from imar.aid.models import DonorActivity
from imar.opendata.exports.iati.activities import activities_xml
from imar.opendata.source import export_projects
from imar.opendata.validation import iati_errors, iati_rule_errors
from tests.aid.files import SDC, activity, iati_file, transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.IMAR_SITE_URL = "https://imar.test"


@pytest.fixture
def linked(do_import, water_project, officer):
    water_project.is_public = True
    water_project.save()
    do_import(SDC.read_bytes(), name="sdc.xml")
    do_import(
        iati_file(
            activity(transactions=[transaction("2", "1000000")])
            + activity("US-GOV-1-LY-0002", title_en="Another Derna water network")
        ),
        name="usaid.xml",
    )
    for ident in ("US-GOV-1-LY-0002", "US-GOV-1-LY-0001"):
        services.link_decide(
            by=officer,
            activity=DonorActivity.objects.get(iati_identifier=ident),
            project=water_project,
            status=LinkStatus.CONFIRMED,
        )
    sdc = DonorActivity.objects.filter(iati_identifier__startswith="CH-4-").first()
    services.link_decide(by=officer, activity=sdc, project=water_project, status="rejected")
    return water_project


def _export() -> bytes:
    return b"".join(activities_xml(export_projects()))


def test_a_confirmed_link_is_a_third_party_related_activity(linked):
    xml = _export()
    root = etree.fromstring(xml)
    (project,) = root.iter("iati-activity")
    related = [(e.get("ref"), e.get("type")) for e in project.iter("related-activity")]
    # confirmed links only, once each, by identifier; the rejected SDC one is not named
    assert related == [("US-GOV-1-LY-0001", THIRD_PARTY), ("US-GOV-1-LY-0002", THIRD_PARTY)]
    assert iati_errors(xml) == []
    assert iati_rule_errors(xml) == []


def test_the_related_activity_sits_where_the_schema_puts_it(linked):
    root = etree.fromstring(_export())
    tags = [child.tag for child in next(root.iter("iati-activity"))]
    first = tags.index("related-activity")
    assert "document-link" in tags[:first]
    assert all(tag in ("related-activity", "result") for tag in tags[first:])


def test_donors_activities_are_never_republished_as_the_funds(linked):
    xml = _export().decode()
    root = etree.fromstring(xml.encode())
    identifiers = [e.text for e in root.iter("iati-identifier")]
    assert len(identifiers) == 1 and identifiers[0].endswith("-DRN-W-01")
    for donor in DonorActivity.objects.all():
        # a donor's identifier appears only as a related activity's ref, its texts never
        assert f">{donor.iati_identifier}<" not in xml
        if donor.reporting_org_ref == "CH-4":  # (USAID's titles are the project's own)
            assert donor.title not in xml
    assert 'reporting-org ref="CH-4"' not in xml and "US-GOV-1-LY-0001</" not in xml


def test_related_elements_take_one_query_per_chunk(linked, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = related_by_project([linked.pk, linked.pk + 1000])
    assert list(found) == [linked.pk]


def test_a_project_without_links_has_no_related_activity(do_import, water_project):
    water_project.is_public = True
    water_project.save()
    do_import(iati_file(activity()))  # suggested only, never confirmed
    assert b"related-activity" not in _export()
