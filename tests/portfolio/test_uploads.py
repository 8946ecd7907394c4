"""Hostile images through the real forms and API: a decompression bomb is refused with a
translated error naming the field (it used to answer 500), and what is kept is rebuilt from
its pixels, without EXIF, GPS or an appended script."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from imar.monitoring.models import Milestone, ProgressReport
from imar.organizations.models import Organization
from imar.portfolio.models import ProjectDocument
from tests.images import PAYLOAD, bomb_png, photo_with_gps_and_payload, png_with_payload


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_png()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _report_form(client, project, upload, language="en"):
    client.cookies["imar_language"] = language
    return client.post(
        f"/portfolio/projects/{project.code}/reports/new/",
        {
            "client_token": str(uuid.uuid4()),
            "report_date": "2025-04-01",
            "physical_percent": "22",
            "photo_0": upload,
            "submit": "1",
        },
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Photo 1: “bomb.png” has too many pixels; an image may have at most 40 megapixels"),
        ("ar", "الصورة 1: الملف «bomb.png» فيه عدد كبير جدًا من النقاط"),
    ],
)
def test_a_30000_pixel_png_through_the_report_form_is_refused_not_500(
    client, engineer, make_project, bomb, language, expected
):
    client.force_login(engineer)
    project = make_project()
    response = _report_form(client, project, SimpleUploadedFile("bomb.png", bomb), language)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_photo_over_the_cap_is_refused_with_its_size(client, engineer, make_project, settings):
    settings.IMAR_MAX_IMAGE_PIXELS = 1_000_000
    out = io.BytesIO()
    Image.new("RGB", (1200, 1000)).save(out, format="JPEG")
    client.force_login(engineer)
    response = _report_form(client, make_project(), SimpleUploadedFile("big.jpg", out.getvalue()))
    assert "“big.jpg” is 1200 × 1000 pixels; an image may have at most 1 megapixels" in (
        response.content.decode()
    )


def test_the_api_refuses_the_bomb_on_the_photos_field(engineer, make_project, bomb):
    api = APIClient()
    api.force_authenticate(engineer)
    project = make_project()
    response = api.post(
        "/api/v1/progress-reports/",
        {
            "project": project.code,
            "client_token": str(uuid.uuid4()),
            "report_date": "2025-04-01",
            "physical_percent": "10",
            "photos": [SimpleUploadedFile("bomb.png", bomb)],
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "has too many pixels" in response.json()["photos"][0]


def test_a_logo_bomb_is_refused_on_the_logo_field_and_a_logo_is_rebuilt(client, officer, bomb):
    organization = Organization.objects.create(
        name_ar="شركة", name_en="Builder", kind="company", country="LY"
    )
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    url = reverse("partners:organization_edit", args=[organization.pk])
    data = {
        "name_ar": "شركة",
        "name_en": "Builder",
        "kind": "company",
        "country": "LY",
        "row_version": organization.row_version,
    }
    refused = client.post(url, {**data, "logo": SimpleUploadedFile("logo.png", bomb)})
    assert refused.status_code == 200
    assert "has too many pixels" in " ".join(refused.context["form"].errors["logo"])
    saved = client.post(url, {**data, "logo": SimpleUploadedFile("logo.png", png_with_payload())})
    assert saved.status_code == 302
    organization.refresh_from_db()
    stored = organization.logo.read()
    assert stored.startswith(b"\x89PNG") and PAYLOAD not in stored


def test_an_image_added_as_a_project_document_is_rebuilt_without_exif_or_payload(
    client, officer, make_project
):
    project = make_project()
    client.force_login(officer)
    response = client.post(
        reverse("portfolio:document_add", args=[project.code]),
        {
            "title_ar": "صورة الموقع",
            "category": "photos",
            "upload": SimpleUploadedFile("site.jpg", photo_with_gps_and_payload()),
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    document = ProjectDocument.objects.get()
    stored = document.file.read()
    assert document.content_type == "image/jpeg" and PAYLOAD not in stored
    assert dict(Image.open(io.BytesIO(stored)).getexif()) == {}


def test_a_document_bomb_is_refused_on_the_file_field(client, officer, make_project, bomb):
    project = make_project()
    client.force_login(officer)
    client.cookies["imar_language"] = "en"
    response = client.post(
        reverse("portfolio:document_add", args=[project.code]),
        {"title_ar": "صورة", "category": "photos", "upload": SimpleUploadedFile("x.png", bomb)},
    )
    assert response.status_code == 200
    assert "has too many pixels" in " ".join(response.context["form"].errors["upload"])
    assert not ProjectDocument.objects.exists()


def test_milestone_evidence_is_checked_like_a_document(client, engineer, make_project):
    project = make_project()
    client.force_login(engineer)
    client.cookies["imar_language"] = "en"
    fields = {"name_ar": "الأساسات", "name_en": "Foundations", "planned_date": "2025-06-01",
              "weight": "20"}  # fmt: skip
    url = f"/portfolio/projects/{project.code}/milestones/new/"
    refused = client.post(
        url, {**fields, "evidence_file": SimpleUploadedFile("minutes.exe", b"MZ\x90\x00")}
    )
    assert refused.status_code == 200
    assert "is not an accepted type" in refused.content.decode()
    saved = client.post(
        url,
        {**fields, "evidence_file": SimpleUploadedFile("site.jpg", photo_with_gps_and_payload())},
    )
    assert saved.status_code == 302
    stored = Milestone.objects.get().evidence_file.read()
    assert PAYLOAD not in stored and dict(Image.open(io.BytesIO(stored)).getexif()) == {}
