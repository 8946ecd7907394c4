"""Progress reports: rules, the verification workflow, idempotent uploads, photo privacy."""

import io
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from imar.monitoring.models import ProgressReport, ProjectFigures, ReportPhoto
from imar.monitoring.reports import (
    report_return,
    report_save,
    report_submit,
    report_update,
    report_verify,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg_with_gps(name="site.jpg", size=(2400, 1800)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (120, 140, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (32.0, 45.0, 0.0), 3: "E", 4: (22.0, 38.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def save(project, by, **fields):
    values = {"report_date": date(2025, 6, 1), "physical_percent": "30", "submit": True}
    values.update(fields)
    return report_save(by=by, project=project, **values)


def verified(project, by, verifier, **fields):
    report, _ = save(project, by, **fields)
    return report_verify(report=report, by=verifier)


def test_full_workflow_submit_return_correct_resubmit_verify(make_project, engineer, officer):
    project = make_project()
    report, created = save(project, engineer, submit=False)
    assert created and report.status == "draft"
    report_submit(report=report, by=engineer)
    with pytest.raises(ValidationError) as error:
        report_return(report=report, by=officer, reason="  ")
    assert "return_reason" in error.value.message_dict
    report_return(report=report, by=officer, reason="Photos do not show the roof")
    assert report.status == "returned" and report.return_reason
    report_update(report=report, by=engineer, physical_percent="25")
    report_submit(report=report, by=engineer)
    report_verify(report=report, by=officer)
    report.refresh_from_db()
    assert report.status == "verified" and report.verified_by == officer
    assert report.physical_percent == Decimal("25")
    assert ProjectFigures.objects.get(project=project).progress_percent == Decimal("25")


def test_only_verified_reports_count_in_figures(make_project, engineer, officer):
    project = make_project()
    verified(project, engineer, officer, physical_percent="20")
    save(project, engineer, report_date=date(2025, 7, 1), physical_percent="60")
    figures = ProjectFigures.objects.get(project=project)
    assert figures.progress_percent == Decimal("20")
    assert figures.last_verified_on == date(2025, 6, 1)


def test_author_cannot_verify_own_report_and_only_submitted_ones_are_verified(
    make_project, officer
):
    project = make_project()
    report, _ = save(project, officer)
    with pytest.raises(ValidationError):
        report_verify(report=report, by=officer)
    draft, _ = save(project, officer, submit=False, report_date=date(2025, 5, 1))
    with pytest.raises(ValidationError):
        report_verify(report=draft, by=None)


@pytest.mark.parametrize("percent", ["100.5", "-1", "abc"])
def test_progress_outside_0_100_is_refused(make_project, engineer, percent):
    with pytest.raises(ValidationError) as error:
        save(make_project(), engineer, physical_percent=percent)
    assert "physical_percent" in error.value.message_dict
    assert not ProgressReport.objects.exists()


def test_report_dated_in_the_future_is_refused(make_project, engineer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        save(make_project(), engineer, report_date=tomorrow)
    assert "future" in error.value.message_dict["report_date"][0]


def test_progress_going_backwards_needs_a_reason(make_project, engineer, officer):
    project = make_project()
    verified(project, engineer, officer, physical_percent="40")
    with pytest.raises(ValidationError) as error:
        save(project, engineer, report_date=date(2025, 7, 1), physical_percent="35")
    assert "40%" in error.value.message_dict["progress_note"][0]
    report, _ = save(
        project,
        engineer,
        report_date=date(2025, 7, 1),
        physical_percent="35",
        progress_note="Collapsed wall rebuilt",
    )
    report_verify(report=report, by=officer)
    assert ProjectFigures.objects.get(project=project).progress_percent == Decimal("35")


def test_retried_upload_with_same_token_creates_no_duplicate(make_project, engineer):
    project = make_project()
    token = uuid.uuid4()
    first, created = save(project, engineer, client_token=token, photos=[(jpeg_with_gps(), "a")])
    again, created_again = save(
        project, engineer, client_token=token, photos=[(jpeg_with_gps(), "a")]
    )
    assert created and not created_again and first.pk == again.pk
    assert ProgressReport.objects.count() == 1 and ReportPhoto.objects.count() == 1


def test_a_bad_photo_leaves_nothing_half_saved(make_project, engineer):
    bad = SimpleUploadedFile("notes.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        save(make_project(), engineer, photos=[(jpeg_with_gps(), "ok"), (bad, "bad")])
    assert "notes.jpg" in error.value.message_dict["photos"][0]
    assert not ProgressReport.objects.exists() and not ReportPhoto.objects.exists()


def test_public_copy_is_resized_and_has_no_exif_while_original_keeps_it(make_project, engineer):
    report, _ = save(make_project(), engineer, photos=[(jpeg_with_gps(), "roof")])
    photo = report.photos.get()
    with photo.public_image.open("rb") as handle, Image.open(handle) as public:
        assert max(public.size) == 1600
        assert not public.getexif() and "exif" not in public.info
    with photo.original.open("rb") as handle, Image.open(handle) as original:
        assert original.getexif().get(0x010F) == "PhoneMaker"
    # The original is not under MEDIA_ROOT, so the media URL cannot serve it.
    assert "-private" in photo.original.path
    assert photo.public_image.url.startswith("/media/")
