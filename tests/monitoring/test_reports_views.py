"""The field report form, the verifier's pages and the monitoring section of a project."""

import io
import uuid
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from imar.monitoring.models import ProgressReport, ReportPhoto
from imar.monitoring.reports import report_save
from imar.monitoring.selectors import project_monitoring_context


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 100, 50)).save(out, format="JPEG")
    return SimpleUploadedFile("site.jpg", out.getvalue(), content_type="image/jpeg")


def post_report(client, project, token, **extra):
    data = {
        "client_token": token,
        "report_date": "2025-04-01",
        "physical_percent": "22",
        "photo_0": jpeg(),
        "caption_0": "east side",
        "photo_1": jpeg(),
        "caption_1": "roof",
        "submit": "1",
    }
    data.update(extra)
    return client.post(f"/portfolio/projects/{project.code}/reports/new/", data)


def test_phone_form_has_camera_capture_and_photo_rows(client, engineer, make_project):
    project = make_project()
    client.force_login(engineer)
    page = client.get(f"/portfolio/projects/{project.code}/reports/new/").content.decode()
    assert 'capture="environment"' in page and 'accept="image/*"' in page
    assert 'name="photo_9"' in page and 'name="client_token"' in page
    assert "monitoring_report_form.js" in page and "<script>" not in page


def test_resending_the_same_form_creates_one_report(client, engineer, make_project):
    project = make_project()
    client.force_login(engineer)
    token = str(uuid.uuid4())
    first = post_report(client, project, token)
    second = post_report(client, project, token)
    assert first.status_code == second.status_code == 302
    report = ProgressReport.objects.get()
    assert report.status == "submitted" and report.reporter == engineer
    assert list(report.photos.values_list("caption", flat=True)) == ["east side", "roof"]
    assert ReportPhoto.objects.count() == 2


def test_form_errors_are_shown_on_the_field_in_arabic(client, engineer, make_project):
    project = make_project()
    client.force_login(engineer)
    client.cookies["imar_language"] = "ar"
    response = post_report(client, project, str(uuid.uuid4()), physical_percent="120")
    assert response.status_code == 200
    assert "يجب أن تكون نسبة الإنجاز بين 0 و100" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_engineer_cannot_report_on_another_district(client, engineer, make_project, tripoli):
    project = make_project(municipality=tripoli)
    client.force_login(engineer)
    assert client.get(f"/portfolio/projects/{project.code}/reports/new/").status_code == 404
    assert post_report(client, project, str(uuid.uuid4())).status_code == 404


def test_auditor_reads_but_cannot_report(client, auditor, make_project):
    project = make_project()
    client.force_login(auditor)
    assert client.get(f"/portfolio/projects/{project.code}/reports/new/").status_code == 403


def test_verifier_returns_then_author_resubmits_and_verifier_verifies(
    client, engineer, officer, make_project
):
    project = make_project()
    report, _ = report_save(
        by=engineer,
        project=project,
        report_date=date(2025, 4, 1),
        physical_percent="30",
        submit=True,
    )
    client.force_login(engineer)
    assert client.post(f"/portfolio/reports/{report.pk}/verify/").status_code == 403
    client.force_login(officer)
    client.post(f"/portfolio/reports/{report.pk}/return/", {"reason": "Add a roof photo"})
    report.refresh_from_db()
    assert report.status == "returned"
    client.force_login(engineer)
    queue = client.get("/portfolio/reports/").content.decode()
    assert "Add a roof photo" in queue
    client.post(
        f"/portfolio/reports/{report.pk}/edit/",
        {
            "report_date": "2025-04-01",
            "physical_percent": "31",
            "submit": "1",
            "row_version": report.row_version,
        },
    )
    report.refresh_from_db()
    assert report.status == "submitted" and str(report.physical_percent) == "31.00"
    client.force_login(officer)
    client.post(f"/portfolio/reports/{report.pk}/verify/")
    report.refresh_from_db()
    assert report.status == "verified" and report.verified_by == officer


def test_original_photo_is_for_staff_only(client, engineer, outsider, make_project):
    report, _ = report_save(
        by=engineer,
        project=make_project(),
        report_date=date(2025, 4, 1),
        physical_percent="30",
        photos=[(jpeg(), "x")],
    )
    photo = report.photos.get()
    client.force_login(outsider)
    assert client.get(f"/portfolio/photos/{photo.pk}/original/").status_code == 403
    client.force_login(engineer)
    assert client.get(f"/portfolio/photos/{photo.pk}/original/").status_code == 200


def test_monitoring_context_hides_money_and_drafts_from_outsiders(
    engineer, outsider, officer, make_project, django_assert_max_num_queries
):
    project = make_project()
    for day in range(1, 6):
        report_save(
            by=engineer,
            project=project,
            report_date=date(2025, 4, day),
            physical_percent=str(day),
            submit=day % 2 == 0,
            photos=[(jpeg(), "p")],
        )
    with django_assert_max_num_queries(12):
        staff = project_monitoring_context(project=project, user=officer)
    assert len(staff["reports"]) == 2 and staff["can_record_money"]
    public = project_monitoring_context(project=project, user=outsider)
    assert public["reports"] == [] and public["transactions"] == [] and public["risks"] == []
    assert not public["can_report_progress"]


def test_project_page_shows_the_monitoring_section(client, officer, make_project):
    project = make_project()
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="monitoring"' in page and "project-progress-data" in page
