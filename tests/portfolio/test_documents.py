"""Project documents on the staff side: upload checks, permissions, audit, staff pages."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from imar.accounts.models import AuditEvent
from imar.portfolio import documents
from imar.portfolio.models import DocumentCategory, ProjectDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _pdf(name="study.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _add(by, project, **fields):
    values = {"title_ar": "دراسة الجدوى", "title_en": "Feasibility study", "upload": _pdf()}
    values.update(fields)
    return documents.document_add(by=by, project=project, **values)


def test_officer_adds_a_private_document_in_private_storage_with_an_audit_event(
    officer, make_project, settings
):
    project = make_project()
    document = _add(officer, project, category=DocumentCategory.FEASIBILITY_STUDY)
    assert document.is_public is False
    assert document.content_type == "application/pdf"
    assert document.uploaded_by == officer
    stored = Path(document.file.path)
    assert stored.read_bytes() == PDF
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    event = AuditEvent.objects.get(action="create", object_id=str(document.pk))
    assert event.changes["title_en"] == [None, "Feasibility study"]
    assert event.changes["file"][1] == document.file.name


def test_renamed_executable_is_refused_as_not_what_its_extension_says(officer, make_project):
    project = make_project()
    with pytest.raises(ValidationError) as error:
        _add(officer, project, upload=_pdf("report.pdf", b"MZ\x90\x00binary"))
    assert "does not contain what its extension says (PDF)" in str(error.value.message_dict)
    assert not ProjectDocument.objects.exists()


def test_unaccepted_extension_is_refused(officer, make_project):
    with pytest.raises(ValidationError) as error:
        _add(officer, make_project(), upload=_pdf("page.html", b"<html></html>"))
    assert "is not an accepted type" in error.value.message_dict["file"][0]


def test_document_over_20_mb_is_refused_in_arabic(officer, make_project):
    upload = _pdf()
    upload.size = 21 * 1024 * 1024
    with translation.override("ar"), pytest.raises(ValidationError) as error:
        _add(officer, make_project(), upload=upload)
    assert error.value.message_dict["file"] == ["لا يجوز أن يتجاوز حجم الوثيقة 20 ميغابايت."]


def _image(kind: str) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, format=kind)
    return out.getvalue()


def test_xlsx_docx_png_and_jpeg_are_accepted_by_their_bytes(officer, make_project):
    project = make_project()
    for name, head, mime in [
        ("bq.xlsx", b"PK\x03\x04rest", "spreadsheetml"),
        ("memo.docx", b"PK\x03\x04rest", "wordprocessingml"),
        ("site.png", _image("PNG"), "image/png"),
        ("site.jpg", _image("JPEG"), "image/jpeg"),
    ]:
        document = _add(officer, project, upload=_pdf(name, head))
        assert mime in document.content_type


def test_an_image_that_only_starts_like_one_is_refused(officer, make_project):
    with pytest.raises(ValidationError) as error:
        _add(officer, make_project(), upload=_pdf("site.png", b"\x89PNG\r\n\x1a\n<html>"))
    assert "is not an image that can be read" in error.value.message_dict["file"][0]


def test_engineer_outside_district_and_auditor_may_not_add(
    engineer, auditor, make_project, tripoli
):
    project = make_project(municipality=tripoli)
    for user in (engineer, auditor):
        with pytest.raises(PermissionDenied):
            _add(user, project)
    assert not ProjectDocument.objects.exists()


def test_publishing_and_deleting_are_audited_and_delete_removes_the_file(
    officer, make_project, django_capture_on_commit_callbacks
):
    document = _add(officer, make_project())
    documents.document_set_public(by=officer, document=document, is_public=True)
    document.refresh_from_db()
    assert document.is_public
    event = AuditEvent.objects.get(action="update", object_id=str(document.pk))
    assert event.changes == {"is_public": [False, True]}
    path, pk = Path(document.file.path), document.pk
    with django_capture_on_commit_callbacks(execute=True):
        documents.document_delete(by=officer, document=document)
    assert not ProjectDocument.objects.exists()
    assert not path.exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(pk)).exists()


def test_staff_upload_page_adds_a_document_and_the_project_page_lists_it(
    client, officer, make_project
):
    project = make_project()
    client.force_login(officer)
    response = client.post(
        reverse("portfolio:document_add", args=[project.code]),
        {
            "title_ar": "شهادة الإنجاز",
            "title_en": "Completion certificate",
            "category": DocumentCategory.COMPLETION_CERTIFICATE,
            "upload": _pdf("certificate.pdf"),
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    assert document.is_public
    page = client.get(project.get_absolute_url()).content.decode()
    assert "شهادة الإنجاز" in page  # the Arabic title, on the Arabic page
    assert reverse("portfolio:document_visibility", args=[project.code, document.pk]) in page


def test_staff_upload_page_shows_the_translated_type_error_on_the_field(
    client, officer, make_project
):
    project = make_project()
    client.force_login(officer)
    client.cookies["imar_language"] = "ar"
    response = client.post(
        reverse("portfolio:document_add", args=[project.code]),
        {"title_ar": "ملف", "category": "other", "upload": _pdf("x.pdf", b"not a pdf")},
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 200
    assert "لا يحتوي على ما يدل عليه امتداده" in response.content.decode()
    assert not ProjectDocument.objects.exists()


def test_staff_download_for_those_who_see_the_project_only(
    client, officer, auditor, engineer, outsider, make_project, tripoli
):
    project = make_project(municipality=tripoli, is_public=False)
    document = _add(officer, project)
    url = reverse("portfolio:document_download", args=[project.code, document.pk])
    client.force_login(auditor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(engineer)  # Derna only
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_auditor_may_not_publish_or_delete(client, officer, auditor, make_project):
    project = make_project()
    document = _add(officer, project)
    client.force_login(auditor)
    for name in ("document_visibility", "document_delete"):
        url = reverse(f"portfolio:{name}", args=[project.code, document.pk])
        assert client.post(url, {"is_public": "1"}).status_code == 403
    document.refresh_from_db()
    assert document.is_public is False


def test_officer_toggles_visibility_and_deletes_through_the_page(client, officer, make_project):
    project = make_project()
    document = _add(officer, project)
    client.force_login(officer)
    url = reverse("portfolio:document_visibility", args=[project.code, document.pk])
    client.post(url, {"is_public": "1"})
    document.refresh_from_db()
    assert document.is_public
    client.post(url, {"is_public": "0"})
    document.refresh_from_db()
    assert not document.is_public
    client.post(reverse("portfolio:document_delete", args=[project.code, document.pk]))
    assert not ProjectDocument.objects.exists()


def test_demo_step_adds_public_and_private_documents_as_valid_pdfs(make_project):
    import random

    from imar.demo import documents as demo_documents

    for _ in range(3):
        make_project()
    demo_documents.load(rng=random.Random(7), options={}, log=lambda _line: None)
    stored = list(ProjectDocument.objects.all())
    assert {d.project_id for d in stored} and len(stored) >= 6
    assert {d.is_public for d in stored} == {True, False}  # some public, some staff only
    for document in stored:
        with document.file.open("rb") as handle:
            content = handle.read()
        assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
        upload = SimpleUploadedFile("demo.pdf", content)
        assert documents.check_upload(upload) == "application/pdf"
