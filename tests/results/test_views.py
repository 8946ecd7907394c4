"""Staff pages and the public results page: who may do what, the phone form's retry, the
dashboard's figures and its query count, and nothing private on the public page."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from imar.results import services
from imar.results.models import IndicatorPeriod
from tests.urls_in import reverse_en

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["imar_language"] = "en"


@pytest.fixture
def approved(storm, make_indicator, report, officer, make_project):
    indicator = make_indicator(project=make_project())
    period, _ = report(
        indicator, actual_value=Decimal(4210), submit=True, narrative_en="Block A done"
    )
    services.period_approve(period=period, by=officer)
    return period


def test_phone_form_saves_once_when_retried(client, engineer, make_indicator):
    indicator = make_indicator()
    client.force_login(engineer)
    url = reverse("results:period_report", args=[indicator.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="report-form"' in page.content.decode()
    data = {
        "client_token": str(uuid.uuid4()),
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "actual_value": "35",
        "d_sex_female": "20",
        "submit": "1",
    }
    first = client.post(url, data)
    again = client.post(url, data)
    period = IndicatorPeriod.objects.get(indicator=indicator)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse_en("results:period", args=[period.pk])
    assert period.status == "submitted" and period.actual_value == Decimal(35)
    assert list(period.disaggregations.values_list("category", "value")) == [
        ("female", Decimal(20))
    ]


def test_phone_form_shows_the_refusal_on_the_field(client, engineer, make_indicator):
    client.cookies["imar_language"] = "ar"
    indicator = make_indicator()
    client.force_login(engineer)
    answer = client.post(
        reverse("results:period_report", args=[indicator.pk]),
        {
            "client_token": str(uuid.uuid4()),
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "actual_value": "10",
            "d_sex_female": "11",
        },
    )
    assert answer.status_code == 200
    assert "أكبر من القيمة الفعلية" in answer.content.decode()
    assert not IndicatorPeriod.objects.filter(indicator=indicator).exists()


def test_engineer_cannot_report_outside_their_district(
    client, engineer, make_indicator, make_project, tripoli
):
    outside = make_indicator(project=make_project(municipality=tripoli))
    client.force_login(engineer)
    assert client.get(reverse("results:period_report", args=[outside.pk])).status_code == 404


def test_auditor_reads_but_cannot_report_or_approve(client, auditor, make_indicator, report):
    indicator = make_indicator()
    period, _ = report(indicator, submit=True)
    client.force_login(auditor)
    assert client.get(reverse("results:project", args=[indicator.project.code])).status_code == 200
    assert client.get(reverse("results:period_report", args=[indicator.pk])).status_code == 403
    client.post(reverse("results:period_action", args=[period.pk, "approve"]))
    period.refresh_from_db()
    assert period.status == "submitted"


def test_officer_approves_and_returns_from_the_period_page(client, officer, make_indicator, report):
    first, _ = report(make_indicator(), submit=True)
    second, _ = report(make_indicator(), submit=True)
    client.force_login(officer)
    client.post(reverse("results:period_action", args=[first.pk, "approve"]))
    client.post(reverse("results:period_action", args=[second.pk, "return"]), {"reason": "Photos"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.return_reason) == ("approved", "returned", "Photos")
    queue = client.get(reverse("results:queue")).content.decode()
    assert "Nothing waiting." in queue


def test_dashboard_shows_housing_against_damage(
    client, officer, approved, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("results:dashboard"))
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        '4,210</span> of <span class="num">18,500</span> housing units recorded as damaged' in text
    )
    assert "22.8%" in text


def test_public_results_page_has_only_approved_public_figures(
    client, approved, make_indicator, report, make_project
):
    private = make_indicator(project=make_project(is_public=False))
    report(private, actual_value=Decimal(999), submit=True)
    pending, _ = report(make_indicator(), actual_value=Decimal(777), submit=True)
    page = client.get(reverse("portal:results"))
    text = page.content.decode()
    assert page.status_code == 200 and "4,210" in text
    assert "999" not in text and "777" not in text and "engineer" not in text


def test_staff_project_page_has_the_results_section(client, officer, approved):
    client.force_login(officer)
    page = client.get(approved.indicator.project.get_absolute_url())
    assert 'id="h-results"' in page.content.decode()


def test_evidence_original_is_staff_only(client, officer, make_indicator, report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.images import photo_with_gps_and_payload

    upload = SimpleUploadedFile("a.jpg", photo_with_gps_and_payload(), content_type="image/jpeg")
    period, _ = report(make_indicator(), photos=[(upload, "")])
    evidence = period.evidence.get()
    url = reverse("results:evidence_original", args=[evidence.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_engineer_dashboard_compares_with_their_districts_damage(client, engineer, approved):
    client.force_login(engineer)
    text = client.get(reverse("results:dashboard")).content.decode()
    # Derna's 10,360 damaged units, not the 18,500 of the three districts together.
    assert '4,210</span> of <span class="num">10,360</span>' in text
