"""The import service: what is kept, updated, skipped and refused, and why; one transaction
per file; provenance; places; organizations."""

import hashlib
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from imar.accounts.models import AuditEvent
from imar.aid.enums import RunStatus
from imar.aid.models import DonorActivity, DonorTransaction, ImportRun
from imar.geo.models import District, Municipality
from imar.organizations.enums import OrganizationKind
from imar.organizations.models import Organization
from tests.aid import files
from tests.aid.files import activity, iati_file, transaction

pytestmark = pytest.mark.django_db


def test_sample_imports_all_six_with_what_an_independent_parse_reads(do_import):
    run = do_import(files.SDC, name="ly-sdc-activities.xml")
    assert run.status == RunStatus.DONE
    assert run.counts["created"] == 6 and run.iati_version == "2.03"
    # independent reading of the same file with the standard library
    root = ET.parse(files.SDC).getroot()
    for elem in root.findall("iati-activity"):
        ident = elem.findtext("iati-identifier")
        stored = DonorActivity.objects.get(iati_identifier=ident)
        assert stored.titles["en"] == elem.find("title/narrative").text
        values = sorted(Decimal(v.text) for v in elem.findall("transaction/value"))
        assert sorted(stored.transactions.values_list("value", flat=True)) == values
        assert {t.currency for t in stored.transactions.all()} == {"CHF"}
        assert stored.reporting_org_ref == elem.find("reporting-org").get("ref") == "CH-4"
        assert [(s["code"], s["percentage"]) for s in stored.sectors] == [
            (s.get("code"), float(s.get("percentage"))) for s in elem.findall("sector")
        ]
        assert stored.recipient_countries == [{"code": "LY", "percentage": 100.0}]
        assert stored.original_xml.startswith("<iati-activity")
        assert ET.fromstring(stored.original_xml).findtext("iati-identifier") == ident
    digest = hashlib.sha256(files.SDC.read_bytes()).hexdigest()
    assert run.sha256 == digest and run.size == files.SDC.stat().st_size
    assert set(DonorActivity.objects.values_list("source_sha256", flat=True)) == {digest}
    assert set(DonorActivity.objects.values_list("source_file_name", flat=True)) == {
        "ly-sdc-activities.xml"
    }


def test_the_sample_is_valid_against_the_iati_schema_so_no_warnings(do_import):
    do_import(files.SDC)
    assert all(a.warnings == [] for a in DonorActivity.objects.all())


def test_the_test_files_are_valid_iati_203_by_the_official_schema():
    """Our hand-written activities are what the standard says (checked by the shipped XSD,
    as a whole file, not per activity as the importer does)."""
    from lxml import etree

    from imar.aid.imports.iati.schema import activity_schema

    doc = etree.fromstring(
        iati_file(
            activity(),
            activity("B", countries=(), transactions=[transaction(country="LY")]),
            activity("C", title_ar="إعادة تأهيل شبكة المياه"),
        )
    )
    schema = activity_schema()
    assert schema.validate(doc), schema.error_log


def test_reimport_of_the_same_file_changes_nothing(do_import):
    do_import(files.SDC)
    before = list(DonorTransaction.objects.values_list("pk", flat=True))
    run = do_import(files.SDC)
    assert run.counts["unchanged"] == 6 and run.counts["created"] == 0
    assert list(DonorTransaction.objects.values_list("pk", flat=True)) == before


def test_newer_version_updates_and_replaces_transactions(do_import):
    do_import(
        iati_file(activity(transactions=[transaction(value="100"), transaction(value="200")]))
    )
    run = do_import(
        iati_file(activity(updated="2025-07-01T00:00:00Z", transactions=[transaction(value="300")]))
    )
    assert run.counts["updated"] == 1
    stored = DonorActivity.objects.get()
    assert list(stored.transactions.values_list("value", flat=True)) == [Decimal("300.00")]
    assert DonorTransaction.objects.count() == 1


def test_older_reupload_is_skipped_with_the_reason(do_import):
    do_import(iati_file(activity(updated="2025-07-01T00:00:00Z", title_en="Newer")))
    run = do_import(iati_file(activity(updated="2025-05-01T00:00:00Z", title_en="Older")))
    assert run.counts["skipped"] == 1
    assert "older than the stored version" in run.rows[0]["reason"]
    assert DonorActivity.objects.get().titles["en"] == "Newer"


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_same_identifier_twice_in_a_file_keeps_the_newer_and_says_so(do_import, order):
    older = activity(updated="2025-01-01T00:00:00Z", title_en="Version one")
    newer = activity(updated="2025-02-01T00:00:00Z", title_en="Version two")
    pair = (older, newer) if order == "older first" else (newer, older)
    run = do_import(iati_file(*pair))
    assert DonorActivity.objects.get().titles["en"] == "Version two"
    assert DonorTransaction.objects.count() == 1
    reasons = " ".join(r["reason"] for r in run.rows)
    assert "appears more than once in the file" in reasons


def test_non_ly_activity_is_skipped_and_counted(do_import):
    run = do_import(iati_file(activity("TN-1", countries=("TN",)), activity("LY-1")))
    assert run.counts == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1, "refused": 0}
    skipped = [r for r in run.rows if r["outcome"] == "skipped"][0]
    assert skipped["identifier"] == "TN-1" and "TN" in skipped["reason"]


def test_transaction_level_countries_keep_the_ly_transactions_only(do_import):
    regional = activity(
        "XM-REGIONAL-1",
        countries=(),
        transactions=[
            transaction(value="700", country="LY"),
            transaction(value="300", country="TN"),
        ],
    )
    elsewhere = activity("XM-REGIONAL-2", countries=(), transactions=[transaction(country="EG")])
    run = do_import(iati_file(regional, elsewhere))
    assert run.counts["created"] == 1 and run.counts["skipped"] == 1
    kept = DonorActivity.objects.get()
    assert list(kept.transactions.values_list("value", "recipient_country")) == [
        (Decimal("700.00"), "LY")
    ]


def test_narrative_without_lang_takes_the_activity_language_or_stays_unknown(do_import):
    do_import(iati_file(activity("A-1", lang_attr=' xml:lang="fr"'), lang=""))
    do_import(iati_file(activity("A-2", lang_attr=""), lang=""))
    assert DonorActivity.objects.get(iati_identifier="A-1").titles == {
        "fr": "Derna water network rehabilitation"
    }
    assert DonorActivity.objects.get(iati_identifier="A-2").titles == {
        "": "Derna water network rehabilitation"
    }
    assert DonorActivity.objects.get(iati_identifier="A-2").title  # shown anyway


def test_missing_narratives_import_with_a_warning(do_import):
    run = do_import(iati_file(activity(title_xml="<title/>")))
    assert run.counts["created"] == 1
    assert DonorActivity.objects.get().titles == {}
    assert any("no title" in w for w in run.rows[0]["warnings"])


def test_schema_breaking_but_usable_activity_is_imported_with_warnings(do_import):
    bad = activity(sectors=(("14020", "not-a-number"),), extra="<unknown-element/>")
    run = do_import(iati_file(bad))
    assert run.counts["created"] == 1
    warnings = run.rows[0]["warnings"]
    assert any("unknown-element" in w for w in warnings)
    assert any("'not-a-number' is not a valid value" in w for w in warnings)
    assert DonorActivity.objects.get().sectors[0]["percentage"] is None
    assert DonorActivity.objects.get().warnings == warnings


def test_unusable_activities_are_refused_one_by_one_with_the_reason(do_import):
    run = do_import(
        iati_file(
            activity(None),
            activity("NO-ORG", org_ref=None),
            activity("EMPTY", title_xml="<title/>", transactions=[], description=""),
            activity("GOOD"),
        )
    )
    assert run.counts["refused"] == 3 and run.counts["created"] == 1
    reasons = [r["reason"] for r in run.rows if r["outcome"] == "refused"]
    assert reasons == [
        "no iati-identifier",
        "no reporting-org",
        "nothing usable: no title, description, budget or transaction",
    ]
    assert list(DonorActivity.objects.values_list("iati_identifier", flat=True)) == ["GOOD"]


def test_a_file_broken_at_the_end_writes_nothing_and_keeps_its_report(do_import):
    data = iati_file(activity("A-1"), activity("A-2"))[:-10]  # cut before the root closes
    run = do_import(data)
    assert run.status == RunStatus.FAILED and "not well-formed" in run.error
    assert DonorActivity.objects.count() == 0 and Organization.objects.count() == 0
    assert ImportRun.objects.get() == run
    assert AuditEvent.objects.filter(action="aid.import_refused").count() == 1


@pytest.mark.parametrize("data", [files.XXE, files.BILLION_LAUGHS, b"not xml", b"<a/>"])
def test_hostile_or_wrong_files_write_nothing(do_import, data):
    run = do_import(data)
    assert run.status == RunStatus.FAILED and run.error
    assert DonorActivity.objects.count() == 0


def test_a_500_mb_file_is_refused_before_reading(do_import, tmp_path):
    """A sparse 500 MB file (no disk used): refused by its size, nothing read or written."""
    path = tmp_path / "big.xml"
    with open(path, "wb") as handle:
        handle.write(b'<iati-activities version="2.03">')
        handle.truncate(500 << 20)
    run = do_import(path)
    assert run.status == RunStatus.FAILED and "larger than 100 MB" in run.error
    assert run.size == 0 and DonorActivity.objects.count() == 0


def test_a_stream_without_a_size_is_cut_at_the_limit_and_rolled_back(do_import, settings):
    settings.IMAR_AID_MAX_FILE_MB = 1
    run = do_import(b"".join(files.many_activities(2000)))  # ~2.2 MB of valid activities
    assert run.status == RunStatus.FAILED  # bytes have a size: refused before reading
    from imar.aid.services import activity_import

    stream = files.Stream(files.many_activities(2000))  # no size: refused while reading
    run = activity_import(file=stream, by=None, file_name="pipe.xml")
    assert run.status == RunStatus.FAILED and "larger than 1 MB" in run.error
    assert DonorActivity.objects.count() == 0


def test_reporting_org_is_matched_by_ref_else_created_and_flagged(do_import):
    usaid = Organization.objects.create(
        name_en="USAID",
        name_ar="الوكالة الأمريكية للتنمية الدولية",
        kind=OrganizationKind.DEVELOPMENT_AGENCY,
        country="US",
        iati_identifier="US-GOV-1",
    )
    do_import(
        iati_file(
            activity("US-GOV-1-A"),
            activity("CH-4-A", org_ref="CH-4", org_name="SDC"),
            activity("CH-4-B", org_ref="CH-4", org_name="SDC"),
            activity("XM-DAC-41114-A", org_ref="XM-DAC-41114", org_name="UNDP"),
        )
    )
    matched = DonorActivity.objects.get(iati_identifier="US-GOV-1-A")
    assert matched.reporting_org == usaid and not matched.reporting_org_needs_review
    sdc = Organization.objects.get(iati_identifier="CH-4")
    assert sdc.country == "CH" and sdc.kind == OrganizationKind.FOREIGN_GOVERNMENT
    assert all(
        a.reporting_org == sdc and a.reporting_org_needs_review
        for a in DonorActivity.objects.filter(iati_identifier__startswith="CH-4")
    )
    assert Organization.objects.get(iati_identifier="XM-DAC-41114").country == "US"
    assert AuditEvent.objects.filter(action="organization.create").count() == 2


def test_point_is_placed_in_its_district_and_nearest_municipality(do_import):
    do_import(iati_file(activity(location=files.DERNA_POINT)))
    stored = DonorActivity.objects.get()
    derna = District.objects.get(iso_code="LY-DR")
    assert list(stored.districts.all()) == [derna]
    location = stored.locations[0]
    assert location["district"] == derna.pk
    # independent: the nearest municipality of the district by plain squared distance
    lat, lon = (float(x) for x in files.DERNA_POINT.split())
    nearest = min(
        Municipality.objects.filter(district=derna),
        key=lambda m: (m.latitude - lat) ** 2 + ((m.longitude - lon) * 0.84) ** 2,
    )
    assert location["municipality"] == nearest.pk


def test_administrative_pcode_names_the_municipality(do_import):
    extra = (
        "<location><name><narrative>Town</narrative></name>"
        '<administrative vocabulary="G1" level="2" code="LY021104"/></location>'
    )
    do_import(iati_file(activity(location=None, extra=extra)))
    stored = DonorActivity.objects.get()
    tripoli = Municipality.objects.get(pcode="LY021104")
    assert stored.locations[0]["municipality"] == tripoli.pk
    assert list(stored.districts.all()) == [tripoli.district]


def test_point_outside_libya_is_not_placed(do_import):
    do_import(iati_file(activity(location="46.95 7.44")))  # Bern
    assert DonorActivity.objects.get().districts.count() == 0


def test_import_is_audited_with_its_counts(do_import, officer):
    run = do_import(files.SDC)
    event = AuditEvent.objects.get(action="aid.import")
    assert event.actor == officer and event.object_id == str(run.pk)
    assert event.changes["created"] == [None, 6]


def _queries_of(do_import, data) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        do_import(data)
    return len(queries)


def test_reupload_of_unchanged_or_older_activities_reads_no_stored_row(do_import):
    """The stored versions' last updates come with their identifiers (one query): a
    re-upload of unchanged (or older) activities costs the same queries for 2 or 8 of them."""
    small = [activity(f"US-GOV-1-LY-{n}") for n in range(2)]
    large = [activity(f"US-GOV-1-LY-{n}") for n in range(8)]
    do_import(iati_file(*large))
    older = [activity(f"US-GOV-1-LY-{n}", updated="2025-04-01T00:00:00Z") for n in range(8)]
    counts = [_queries_of(do_import, iati_file(*batch)) for batch in (small, large, older)]
    assert counts[0] == counts[1] == counts[2]
    run = ImportRun.objects.order_by("-pk").first()
    assert run.counts["skipped"] == 8 and "older than the stored version" in run.rows[0]["reason"]
    assert ImportRun.objects.order_by("-pk")[1].counts["unchanged"] == 8


def test_reupload_without_dates_still_compares_the_stored_xml(do_import):
    """No last-updated-datetime on either side: the stored row is read and its XML compared."""
    do_import(iati_file(activity(updated=None, title_en="First")))
    same = do_import(iati_file(activity(updated=None, title_en="First")))
    changed = do_import(iati_file(activity(updated=None, title_en="Second")))
    assert same.counts["unchanged"] == 1
    assert changed.counts["updated"] == 1 and "content changed" in changed.rows[0]["reason"]
    assert DonorActivity.objects.get().titles["en"] == "Second"
