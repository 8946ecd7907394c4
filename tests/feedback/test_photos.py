"""The photo's EXIF position is read before the photo is rebuilt without it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from imar.feedback import photos
from tests.feedback.conftest import geotagged_jpeg


def _jpeg(gps: dict | None) -> SimpleUploadedFile:
    image = Image.new("RGB", (32, 32), "blue")
    exif = Image.Exif()
    if gps is not None:
        exif[ExifTags.IFD.GPSInfo] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


def test_position_in_degrees_minutes_seconds_with_its_hemisphere():
    lat, lon = photos.gps_of(geotagged_jpeg())
    assert abs(lat - 32.76) < 1e-9 and abs(lon - (22 + 38 / 60 + 24 / 3600)) < 1e-9
    south_west = _jpeg({1: "S", 2: (10.0, 30.0, 0.0), 3: "W", 4: (5.0, 15.0, 0.0)})
    assert photos.gps_of(south_west) == (-10.5, -5.25)


def test_no_garbled_or_impossible_position_is_kept():
    assert photos.gps_of(_jpeg(None)) is None
    assert photos.gps_of(_jpeg({1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (5.0, 0.0, 0.0)})) is None
    assert photos.gps_of(_jpeg({1: "N", 3: "E", 4: (5.0, 0.0, 0.0)})) is None
    assert photos.gps_of(SimpleUploadedFile("x.jpg", b"not an image")) is None


def test_the_clean_copy_has_no_exif_and_the_stream_is_rewound():
    upload = geotagged_jpeg()
    photos.gps_of(upload)
    assert upload.tell() == 0
    copy = photos.clean_copy(upload)
    with Image.open(io.BytesIO(copy.read())) as image:
        assert image.format == "JPEG" and not image.getexif()
