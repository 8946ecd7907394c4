"""Agreement documents live in private storage: a confidential agreement's PDF has no public
URL, and the download view asks the one permissions module who may read it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from imar.partners.models import AgreementDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def _document(agreement) -> AgreementDocument:
    upload = SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf")
    return AgreementDocument.objects.create(agreement=agreement, title="Signed", file=upload)


def test_documents_are_stored_outside_the_media_root(media, make_agreement, greek_ministry):
    document = _document(make_agreement(greek_ministry, is_public=False))
    stored = Path(document.file.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.read_bytes() == PDF


def test_confidential_document_only_for_staff(
    media, client, officer, outsider, make_agreement, greek_ministry
):
    document = _document(make_agreement(greek_ministry, is_public=False))
    url = document.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_public_agreement_document_for_everyone(media, client, make_agreement, greek_ministry):
    document = _document(make_agreement(greek_ministry, is_public=True))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
