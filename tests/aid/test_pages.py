"""Staff and public pages: the officer's journey (upload, report, confirm two matches, see
the district gap change), the briefing, the project page, and what the public never sees."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from imar.aid.models import ActivityLink, DonorActivity, ImportRun
from imar.portfolio.models import ProjectOrganization
from tests.aid import files
from tests.aid.files import activity, iati_file, transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["imar_language"] = "en"


def upload(client, data: bytes, name="donor.xml"):
    """Upload, let the job run (the immediate backend, at commit), then follow the page:
    the upload page with the job, which sends the officer to the report."""
    with (
        override_settings(IMAR_JOBS_IMMEDIATE=True),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(
            reverse("aid:upload"), {"file": SimpleUploadedFile(name, data, "text/xml")}
        )
    assert response.status_code == 302 and "?job=" in response.url
    return client.get(response.url, follow=True)


def test_officer_uploads_reads_report_confirms_two_matches_and_the_gap_changes(
    client, officer, water_project, make_project, usaid, derna_needs, rates
):
    second = make_project(
        code="DRN-W-02",
        title_en="Derna sewage network",
        title_ar="شبكة صرف صحي درنة",
        sector="water_sanitation",
        status="approved",
        budget=Decimal("1000000"),
    )
    ProjectOrganization.objects.create(project=second, organization=usaid, role="funder")
    client.force_login(officer)
    data = iati_file(
        activity("US-GOV-1-LY-1", transactions=[transaction("2", "500000")]),
        activity(
            "US-GOV-1-LY-2",
            title_en="Derna sewage network",
            transactions=[transaction("2", "250000")],
        ),
        activity("TN-1", countries=("TN",)),
    )
    page = upload(client, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Import report" in html and "not for LY" in html
    run = ImportRun.objects.get()
    assert run.counts["created"] == 2 and run.counts["skipped"] == 1

    needs_before = client.get(reverse("needs:needs")).content.decode()
    assert 'id="donor-balance-table"' in needs_before
    # needs 10,000,000 - fund 3,000,000 - donors (500,000 + 250,000) x 4.80 = 3,400,000
    assert 'id="gap-with-donors">3,400,000' in needs_before

    for ident, project in (("US-GOV-1-LY-1", water_project), ("US-GOV-1-LY-2", second)):
        donor = DonorActivity.objects.get(iati_identifier=ident)
        detail = client.get(donor.get_absolute_url()).content.decode()
        assert project.code in detail
        response = client.post(
            reverse("aid:link_decide", args=[donor.pk]),
            {"project": project.pk, "status": "confirmed"},
        )
        assert response.status_code == 302
    assert ActivityLink.objects.filter(status="confirmed").count() == 2
    needs_after = client.get(reverse("needs:needs")).content.decode()
    assert 'id="gap-with-donors">7,000,000' in needs_after  # counted once, as the fund's


def test_upload_of_a_hostile_file_shows_the_error_and_writes_nothing(client, officer, gazetteer):
    client.force_login(officer)
    page = upload(client, files.XXE)
    html = page.content.decode()
    assert "The file was refused" in html and "DTD" in html
    assert DonorActivity.objects.count() == 0


def test_staff_pages_answer_and_outsiders_are_refused(client, officer, outsider, do_import):
    do_import(files.SDC)
    donor = DonorActivity.objects.first()
    urls = [
        reverse("aid:activity_list"),
        reverse("aid:where"),
        reverse("aid:import_list"),
        ImportRun.objects.get().get_absolute_url(),
        donor.get_absolute_url(),
        donor.get_absolute_url() + "?xml=1",
        reverse("aid:upload"),
    ]
    client.force_login(officer)
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_list_filters(client, officer, do_import):
    do_import(iati_file(activity("A-1"), activity("A-2", org_ref="GB-GOV-1", location=None)))
    client.force_login(officer)
    html = client.get(reverse("aid:activity_list"), {"district": "LY-DR"}).content.decode()
    assert "A-1" in html and "A-2" not in html
    html = client.get(reverse("aid:activity_list"), {"reporting_org": "GB-GOV-1"}).content.decode()
    assert "A-2" in html and "A-1" not in html


def test_finance_reads_but_may_not_decide(client, finance, do_import, water_project):
    do_import(files.SDC)
    donor = DonorActivity.objects.first()
    client.force_login(finance)
    assert client.get(donor.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("aid:link_decide", args=[donor.pk]),
        {"project": water_project.pk, "status": "confirmed"},
    )
    assert response.status_code == 403
    assert client.get(reverse("aid:upload")).status_code == 403


def test_counting_choice_from_the_page(client, officer, do_import, water_project):
    do_import(iati_file(activity()))
    donor = DonorActivity.objects.get()
    client.force_login(officer)
    client.post(
        reverse("aid:link_decide", args=[donor.pk]),
        {"project_code": water_project.code, "status": "confirmed"},
    )
    link = ActivityLink.objects.get(status="confirmed")
    client.post(reverse("aid:link_counting", args=[link.pk]), {"counting_3": "donor"})
    link.refresh_from_db()
    assert link.counting["3"] == "donor" and link.counting["2"] == "fund"


def test_briefing_lists_the_countrys_donor_activities(client, officer, do_import, usaid):
    do_import(iati_file(activity("US-GOV-1-LY-9"), activity("CH-4-X", org_ref="CH-4")))
    client.force_login(officer)
    html = client.get("/partners/briefing/?country=US").content.decode()
    assert 'id="briefing-donor-activities"' in html
    assert "US-GOV-1-LY-9" in html and "CH-4-X" not in html
    html = client.get("/partners/briefing/?country=CH").content.decode()
    assert "CH-4-X" in html and "US-GOV-1-LY-9" not in html


def test_project_page_shows_the_linked_activity(client, officer, do_import, water_project):
    do_import(iati_file(activity("US-GOV-1-LY-7")))
    client.force_login(officer)
    html = client.get(water_project.get_absolute_url()).content.decode()
    assert 'id="project-donor-links"' in html and "US-GOV-1-LY-7" in html


def test_public_page_credits_publishers_and_hides_private_fields(client, do_import, settings):
    do_import(files.SDC)
    html = client.get(reverse("portal:donors")).content.decode()
    assert "Swiss Agency for Development and Cooperation (SDC)" in html
    assert "d-portal.org" in html and "iatiregistry.org" in html
    assert "<iati-activity" not in html and "officer" not in html
    settings.IMAR_AID_PUBLIC = False
    assert client.get(reverse("portal:donors")).status_code == 404


def test_arabic_page_is_rtl(client, officer, do_import):
    do_import(files.SDC)
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    html = client.get(reverse("aid:activity_list")).content.decode()
    assert "أنشطة المانحين" in html
    assert 'dir="rtl"' in html
    assert '<bdi dir="ltr">CH-4-2020001292</bdi>' in html
