"""The correction form of a returned report: photos added, replaced and removed, with a
token that makes a resent correction harmless, audited; nothing kept on a refusal."""

import io
import uuid
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from imar.accounts.models import AuditEvent
from imar.monitoring.models import ReportPhoto
from imar.monitoring.reports import report_return, report_save


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg(colour=(200, 100, 50), name="site.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (80, 60), colour).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def returned(engineer, officer, make_project):
    project = make_project()
    report, _ = report_save(
        by=engineer,
        project=project,
        report_date=date(2025, 4, 1),
        physical_percent="30",
        photos=[(jpeg(), "blurry east"), (jpeg(), "blurry roof")],
        submit=True,
    )
    report_return(report=report, by=officer, reason="Clearer photos please")
    report.refresh_from_db()
    return report


def correction(report, token, **extra):
    data = {
        "client_token": token,
        "report_date": "2025-04-01",
        "physical_percent": "30",
        "row_version": report.row_version,
        "submit": "1",
    }
    data.update(extra)
    return data


def test_correction_form_offers_replace_remove_and_new_photos(client, engineer, returned):
    client.force_login(engineer)
    page = client.get(f"/portfolio/reports/{returned.pk}/edit/").content.decode()
    east, roof = returned.photos.order_by("id")
    assert f'name="replace_{east.pk}"' in page and f'name="remove_{roof.pk}"' in page
    assert 'name="photo_0"' in page and 'name="photo_7"' in page  # 10 − 2 left
    assert 'name="photo_8"' not in page and 'name="client_token"' in page
    assert "Clearer photos please" in page


def test_engineer_replaces_removes_and_adds_then_resend_changes_nothing(client, engineer, returned):
    east, roof = returned.photos.order_by("id")
    client.force_login(engineer)
    client.cookies["imar_language"] = "en"
    token = str(uuid.uuid4())
    data = correction(
        returned,
        token,
        **{
            f"replace_{east.pk}": jpeg((10, 200, 10), "sharp.jpg"),
            f"caption_of_{east.pk}": "sharp east",
            f"remove_{roof.pk}": "1",
            "photo_0": jpeg((0, 0, 200)),
            "caption_0": "new roof",
        },
    )
    response = client.post(f"/portfolio/reports/{returned.pk}/edit/", data)
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.status == "submitted" and returned.correction_token == uuid.UUID(token)
    assert sorted(returned.photos.values_list("caption", flat=True)) == ["new roof", "sharp east"]
    assert not ReportPhoto.objects.filter(pk__in=[east.pk, roof.pk]).exists()
    event = AuditEvent.objects.filter(object_id=str(returned.pk), action="update").last()
    assert "photos_removed" in event.changes and "photos_added" in event.changes
    assert "photos_replaced" in event.changes
    # The phone lost the answer and sends the same correction again: nothing changes.
    again = correction(
        returned,
        token,
        **{"photo_0": jpeg(), "caption_0": "new roof", "row_version": "1"},
    )
    response = client.post(f"/portfolio/reports/{returned.pk}/edit/", again, follow=True)
    assert response.status_code == 200
    assert "already been received" in response.content.decode()
    assert returned.photos.count() == 2 and ReportPhoto.objects.count() == 2


def test_a_bad_replacement_keeps_everything_as_it_was(client, engineer, returned):
    east, roof = returned.photos.order_by("id")
    client.force_login(engineer)
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    data = correction(
        returned, str(uuid.uuid4()), **{f"replace_{east.pk}": bad, f"remove_{roof.pk}": "1"}
    )
    response = client.post(f"/portfolio/reports/{returned.pk}/edit/", data)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    returned.refresh_from_db()
    assert returned.status == "returned" and returned.correction_token is None
    assert set(returned.photos.values_list("pk", flat=True)) == {east.pk, roof.pk}


def test_no_more_than_ten_photos_after_a_correction(client, engineer, returned):
    client.force_login(engineer)
    extra = {}
    for i in range(8):
        extra[f"photo_{i}"] = jpeg()
    data = correction(returned, str(uuid.uuid4()), **extra)
    assert client.post(f"/portfolio/reports/{returned.pk}/edit/", data).status_code == 302
    assert returned.photos.count() == 10


def test_another_engineer_cannot_correct_and_cannot_touch_photos(
    client, engineer, officer, returned
):
    client.force_login(officer)
    east = returned.photos.first()
    data = correction(returned, str(uuid.uuid4()), **{f"remove_{east.pk}": "1"})
    assert client.post(f"/portfolio/reports/{returned.pk}/edit/", data).status_code == 403
    assert ReportPhoto.objects.filter(pk=east.pk).exists()


def test_a_photo_of_another_report_is_refused(engineer, returned, make_project):
    from django.core.exceptions import ValidationError

    from imar.monitoring.reports import report_correct

    other, _ = report_save(
        by=engineer,
        project=returned.project,
        report_date=date(2025, 3, 1),
        physical_percent="20",
        photos=[(jpeg(), "other")],
    )
    with pytest.raises(ValidationError):
        report_correct(report=returned, by=engineer, remove=[other.photos.get().pk])
    assert other.photos.count() == 1
