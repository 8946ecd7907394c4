"""Media on S3-compatible storage, against moto's S3 server on a loopback port (no mocks).

A report photo uploaded through the engineer's form lands in the bucket: the original under
the private prefix with no public grant, the public copy under the public prefix. Only staff
who may see the report read the original, streamed through the checking view or by a
presigned address that expires; the bucket itself refuses anonymous readers.
"""

import io
import socket
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from imar.core.storage import private_storage
from imar.monitoring.models import ReportPhoto
from tests.monitoring.test_reports_views import post_report

BUCKET = "imar-media"
PRIVATE_BUCKET = "imar-private"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    buckets = (f"{BUCKET}-{uuid.uuid4().hex[:8]}", f"{PRIVATE_BUCKET}-{uuid.uuid4().hex[:8]}")
    for bucket in buckets:
        client.create_bucket(Bucket=bucket)
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty: nothing goes to disk
    settings.IMAR_MEDIA_STORAGE = "s3"
    settings.IMAR_S3 = {
        "bucket": buckets[0],
        "private_bucket": buckets[1],
        "endpoint_url": s3_server,
        "access_key": "testing",
        "secret_key": "testing",
        "region": "us-east-1",
        "addressing_style": "path",
        "public_acl": "public-read",
        "public_domain": "",
        "presigned_redirect": False,
        "presigned_seconds": 60,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "imar.core.storage.PublicS3Storage"},
    }
    client.public, client.private = buckets
    return client


def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 100, 50)).save(out, format="JPEG")
    return out.getvalue()


def _upload(client, engineer, make_project) -> ReportPhoto:
    project = make_project()
    client.force_login(engineer)
    response = post_report(client, project, str(uuid.uuid4()))
    assert response.status_code == 302, response.content[:500]
    return ReportPhoto.objects.filter(report__project=project).order_by("pk").first()


def test_report_photo_original_stays_private_in_the_bucket(
    s3, s3_server, client, engineer, outsider, make_project, tmp_path
):
    photo = _upload(client, engineer, make_project)
    original_key = f"private/{photo.original.name}"
    public_key = f"public/{photo.public_image.name}"
    stored = s3.get_object(Bucket=s3.private, Key=original_key)["Body"].read()
    assert stored[:2] == b"\xff\xd8"  # the original JPEG, in the private bucket
    assert s3.head_object(Bucket=s3.public, Key=public_key)["ContentLength"] > 0
    assert not (tmp_path / "media").exists() and not (tmp_path / "media-private").exists()

    # No grant to everyone on the original; the bucket refuses an anonymous reader.
    grants = s3.get_object_acl(Bucket=s3.private, Key=original_key)["Grants"]
    assert all(g["Grantee"].get("URI") != ALL_USERS for g in grants)
    assert _anonymous_get(f"{s3_server}/{s3.private}/{original_key}") == 403
    # The public copy is public, at the address the pages print.
    public_grants = s3.get_object_acl(Bucket=s3.public, Key=public_key)["Grants"]
    assert any(g["Grantee"].get("URI") == ALL_USERS for g in public_grants)
    assert photo.public_image.url.startswith(f"{s3_server}/{s3.public}/public/")
    assert _anonymous_get(photo.public_image.url) == 200
    # The private file's url() never names the object.
    assert s3_server not in photo.original.url and "Signature" not in photo.original.url

    address = f"/portfolio/photos/{photo.pk}/original/"
    client.force_login(outsider)
    assert client.get(address).status_code == 403
    client.force_login(engineer)
    answer = client.get(address)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == stored


def test_presigned_redirect_only_after_the_permission_check(
    s3, s3_server, settings, client, engineer, outsider, make_project
):
    settings.IMAR_S3 = {**settings.IMAR_S3, "presigned_redirect": True, "presigned_seconds": 30}
    photo = _upload(client, engineer, make_project)
    address = f"/portfolio/photos/{photo.pk}/original/"
    client.force_login(outsider)
    assert client.get(address).status_code == 403
    client.force_login(engineer)
    answer = client.get(address)
    assert answer.status_code == 302
    signed = answer["Location"]
    assert signed.startswith(f"{s3_server}/{s3.private}/private/")
    assert "X-Amz-Expires=30" in signed and "X-Amz-Signature=" in signed
    assert "no-store" in answer["Cache-Control"]
    with urllib.request.urlopen(signed, timeout=10) as fetched:
        body = fetched.read()
    assert (
        body
        == s3.get_object(Bucket=s3.private, Key=f"private/{photo.original.name}")["Body"].read()
    )
    # The same object without the signature stays closed.
    assert _anonymous_get(signed.split("?", 1)[0]) == 403


def test_private_storage_follows_the_setting(s3, settings, tmp_path):
    """Any private file (documents, evidence, originals) goes to the private bucket."""
    from django.core.files.base import ContentFile

    name = private_storage.save("portfolio/documents/contract.pdf", ContentFile(b"%PDF-1.4 x"))
    assert s3.get_object(Bucket=s3.private, Key=f"private/{name}")["Body"].read() == (b"%PDF-1.4 x")
    assert private_storage.exists(name)
    settings.IMAR_MEDIA_STORAGE = "local"
    assert not private_storage.exists(name)  # back on disk, which holds nothing
    assert private_storage.backend.base_location.endswith("media-private")
