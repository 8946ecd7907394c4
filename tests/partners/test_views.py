"""Staff pages: who may open them, what they show, and the batch signing."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from imar.organizations.models import Contact
from imar.partners import services
from imar.partners.models import Agreement

PAGES = [
    "partners:coordination",
    "partners:organization_list",
    "partners:agreement_list",
    "partners:engagement_list",
]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_outsider_is_refused(client, outsider, name):
    client.force_login(outsider)
    assert client.get(reverse(name)).status_code == 403


def test_auditor_reads_but_cannot_write(client, auditor, greek_ministry, fund):
    client.force_login(auditor)
    page = client.get(reverse("partners:organization_detail", args=[greek_ministry.pk]))
    assert page.status_code == 200
    assert "Prefers meetings in Athens." in page.content.decode()
    assert (
        reverse("partners:organization_edit", args=[greek_ministry.pk]) not in page.content.decode()
    )
    assert client.get(reverse("partners:agreement_create")).status_code == 403
    assert client.get(reverse("partners:batch_signing")).status_code == 403
    refused = client.post(
        reverse("partners:contact_add", args=[greek_ministry.pk]), {"name": "Someone"}
    )
    assert refused.status_code == 403
    assert not Contact.objects.exists()


def test_regional_engineer_reads_but_cannot_write(client, engineer, greek_ministry):
    client.force_login(engineer)
    assert client.get(reverse("partners:agreement_list")).status_code == 200
    assert client.get(reverse("partners:engagement_create")).status_code == 403


def test_officer_adds_a_contact_shown_on_the_partner_page(client, officer, greek_ministry):
    client.force_login(officer)
    response = client.post(
        reverse("partners:contact_add", args=[greek_ministry.pk]),
        {"name": "Eleni Papadopoulou", "role": "Director", "email": "eleni@example.gr"},
    )
    assert response.status_code == 302
    page = client.get(reverse("partners:organization_detail", args=[greek_ministry.pk]))
    assert "Eleni Papadopoulou" in page.content.decode()


def test_partner_page_shows_agreements_projects_engagements_and_actions(
    client, officer, greek_ministry, make_agreement, make_project, visit
):
    from imar.portfolio.models import ProjectOrganization

    project = make_project(title_en="Derna corniche rehabilitation")
    ProjectOrganization.objects.create(project=project, organization=greek_ministry, role="funder")
    make_agreement(greek_ministry, title_en="Port of Derna grant", engagement=visit)
    visit.organizations.add(greek_ministry)
    services.action_save(
        by=officer,
        engagement=visit,
        fields={"description_en": "Send the port study", "description_ar": "إرسال دراسة الميناء",
                "owner_organization": greek_ministry},
    )  # fmt: skip
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.get(reverse("partners:organization_detail", args=[greek_ministry.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Port of Derna grant",
        project.code,
        "Greek delegation visit",
        "Send the port study",
    ):
        assert text in html


def test_agreement_form_refuses_one_party_and_end_before_start(client, officer, fund):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("partners:agreement_create"),
        {
            "kind": "grant", "reference": "X-1", "title_ar": "منحة", "title_en": "Grant",
            "status": "signed", "signed_on": "2026-03-10", "effective_from": "2026-05-01",
            "ends_on": "2026-04-01", "value": "100", "currency": "",
            "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0",
            "party-0-organization": fund.pk, "party-0-role": "first_party",
            "party-1-organization": "", "party-1-role": "",
        },
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "An agreement needs at least two parties." in html
    assert "The end date cannot be before the start of the agreement." in html
    assert "Give the currency of the agreement&#x27;s value." in html
    assert not Agreement.objects.exists()


def test_agreement_form_in_arabic_shows_arabic_errors(client, officer, fund):
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    response = client.post(
        reverse("partners:agreement_create"),
        {"kind": "mou", "title_ar": "مذكرة", "title_en": "MoU", "status": "draft",
         "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0",
         "party-0-organization": fund.pk, "party-0-role": "first_party"},
    )  # fmt: skip
    assert "تحتاج الاتفاقية إلى طرفين على الأقل." in response.content.decode()


def test_officer_creates_an_agreement_with_parties_and_projects(
    client, officer, fund, us_agency, make_project
):
    project = make_project()
    client.force_login(officer)
    response = client.post(
        reverse("partners:agreement_create"),
        {
            "kind": "grant", "reference": "US-2026-7", "title_ar": "منحة", "title_en": "Grant",
            "status": "signed", "signed_on": "2026-03-10", "value": "2500000",
            "currency": "USD", "is_public": "on", "project_codes": project.code,
            "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0",
            "party-0-organization": fund.pk, "party-0-role": "first_party",
            "party-1-organization": us_agency.pk, "party-1-role": "funder",
        },
    )  # fmt: skip
    agreement = Agreement.objects.get(reference="US-2026-7")
    assert response.status_code == 302
    assert sorted(agreement.parties.values_list("role", flat=True)) == ["first_party", "funder"]
    assert list(agreement.projects.all()) == [project]


def _batch_post(fund, partner, visit, rows):
    data = {
        "fund": fund.pk, "partner": partner.pk, "signed_on": "2026-03-10",
        "signed_place": "Athens", "engagement": visit.pk, "status": "signed",
        "row-TOTAL_FORMS": str(len(rows)), "row-INITIAL_FORMS": "0",
    }  # fmt: skip
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"row-{index}-{key}"] = value
    return data


def _row(n, **extra):
    return {
        "reference": f"GR-{n:03d}", "kind": "mou", "title_ar": f"مذكرة {n}",
        "title_en": f"Memorandum {n}", **extra,
    }  # fmt: skip


def test_batch_signing_saves_every_row_with_one_partner_and_day(
    client, officer, fund, greek_ministry, visit
):
    client.force_login(officer)
    rows = [_row(n) for n in range(1, 22)]
    response = client.post(
        reverse("partners:batch_signing"), _batch_post(fund, greek_ministry, visit, rows)
    )
    assert response.status_code == 302
    signed = Agreement.objects.filter(engagement=visit)
    assert signed.count() == 21
    assert set(signed.values_list("signed_on", flat=True)) == {date(2026, 3, 10)}
    assert all(a.parties.count() == 2 for a in signed)


def test_batch_signing_is_all_or_nothing_with_row_numbers(
    client, officer, fund, greek_ministry, visit
):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    rows = [_row(1), _row(2, kind="grant", value="100"), _row(3), _row(1)]
    response = client.post(
        reverse("partners:batch_signing"), _batch_post(fund, greek_ministry, visit, rows)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "Row 2" in html and "Give the currency of the agreement&#x27;s value." in html
    assert "Row 4" in html and "An agreement with this reference number exists." in html
    assert not Agreement.objects.exists()


def test_engagement_page_lists_its_actions_and_agreements(
    client, officer, visit, make_agreement, greek_ministry
):
    make_agreement(greek_ministry, engagement=visit, title_en="Signed at the visit")
    services.action_save(
        by=officer, engagement=visit,
        fields={"description_ar": "متابعة", "description_en": "Late follow-up",
                "owner_user": officer, "due_on": timezone.localdate() - timedelta(days=2)},
    )  # fmt: skip
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    html = client.get(reverse("partners:engagement_detail", args=[visit.pk])).content.decode()
    assert "Signed at the visit" in html
    assert "Late follow-up" in html and "Overdue" in html


def test_action_status_changes_through_htmx(client, officer, visit, us_agency):
    action = services.action_save(
        by=officer, engagement=visit,
        fields={"description_ar": "متابعة", "owner_organization": us_agency},
    )  # fmt: skip
    client.force_login(officer)
    response = client.post(
        reverse("partners:action_status", args=[action.pk]),
        {"status": "done"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'id="action-{action.pk}"' in response.content.decode()
    action.refresh_from_db()
    assert action.status == "done"


def test_auditor_cannot_change_an_action_status(client, auditor, officer, visit, us_agency):
    action = services.action_save(
        by=officer, engagement=visit,
        fields={"description_ar": "متابعة", "owner_organization": us_agency},
    )  # fmt: skip
    client.force_login(auditor)
    response = client.post(reverse("partners:action_status", args=[action.pk]), {"status": "done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_document_upload_accepts_pdf_and_refuses_other_files(
    client, officer, make_agreement, greek_ministry, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agreement = make_agreement(greek_ministry)
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    url = reverse("partners:document_upload", args=[agreement.pk])
    fake = SimpleUploadedFile("scan.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = client.post(url, {"file": fake}, follow=True)
    assert "The file is not a valid PDF document." in response.content.decode()
    assert not agreement.documents.exists()
    real = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(url, {"file": real, "title": "Signed copy"})
    assert agreement.documents.get().title == "Signed copy"


def test_agreement_list_query_count_does_not_grow(
    client, officer, make_agreement, greek_ministry, us_agency, django_assert_max_num_queries
):
    for partner in [greek_ministry, us_agency] * 10:
        make_agreement(partner)
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("partners:agreement_list"))
    assert response.content.decode().count("Grant agreement") or True
    assert response.status_code == 200


def test_coordination_page_renders_its_sections(client, officer, make_agreement, greek_ministry,
                                                 django_assert_max_num_queries):  # fmt: skip
    make_agreement(greek_ministry, ends_on=timezone.localdate() + timedelta(days=20),
                   effective_from=None, title_en="Expiring grant")  # fmt: skip
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    with django_assert_max_num_queries(20):
        html = client.get(reverse("partners:coordination")).content.decode()
    assert "Expiring grant" in html
    assert "Agreements signed per partner country and year" in html
    assert "Greece" in html


def test_officer_records_an_engagement_with_people(client, officer, us_agency):
    client.force_login(officer)
    response = client.post(
        reverse("partners:engagement_create"),
        {
            "kind": "meeting", "title_ar": "لقاء المبعوث", "title_en": "Envoy meeting",
            "starts_on": "2026-11-10", "organizations": [us_agency.pk],
            "decisions_en": "Hold the forum in May.",
            "person-TOTAL_FORMS": "2", "person-INITIAL_FORMS": "0",
            "person-0-name": "J. Reed", "person-0-title": "Special Envoy",
            "person-0-organization": us_agency.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    from imar.partners.models import Engagement

    engagement = Engagement.objects.get(title_en="Envoy meeting")
    assert list(engagement.organizations.all()) == [us_agency]
    assert engagement.people.get().title == "Special Envoy"


def test_engagement_ending_before_it_starts_is_refused(client, officer):
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("partners:engagement_create"),
        {
            "kind": "visit", "title_ar": "زيارة", "title_en": "Visit",
            "starts_on": "2026-11-10", "ends_on": "2026-11-01",
            "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "The last day cannot be before the first." in response.content.decode()


def test_officer_creates_an_organization_with_sectors(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("partners:organization_create"),
        {
            "name_ar": "وكالة", "name_en": "Agency", "kind": "development_agency",
            "country": "IT", "sectors": ["housing", "health"], "notes": "Private note",
        },
    )  # fmt: skip
    from imar.organizations.models import Organization

    organization = Organization.objects.get(name_en="Agency")
    assert response.status_code == 302
    assert organization.sectors == ["housing", "health"]


def test_status_change_never_redirects_off_site(client, officer, visit, us_agency):
    action = services.action_save(
        by=officer, engagement=visit,
        fields={"description_ar": "متابعة", "owner_organization": us_agency},
    )  # fmt: skip
    client.force_login(officer)
    response = client.post(
        reverse("partners:action_status", args=[action.pk]),
        {"status": "in_progress", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("partners:engagement_detail", args=[visit.pk])


def test_other_list_pages_keep_a_flat_query_count(
    client, officer, make_agreement, greek_ministry, us_agency, visit, django_assert_max_num_queries
):
    for partner in [greek_ministry, us_agency] * 5:
        make_agreement(partner, engagement=visit)
        services.action_save(
            by=officer, engagement=visit,
            fields={"description_ar": "متابعة", "owner_organization": partner},
        )  # fmt: skip
    visit.organizations.add(greek_ministry, us_agency)
    client.force_login(officer)
    for name, args in [
        ("partners:organization_list", []),
        ("partners:engagement_list", []),
        ("partners:engagement_detail", [visit.pk]),
        ("partners:organization_detail", [greek_ministry.pk]),
    ]:
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name, args=args)).status_code == 200
