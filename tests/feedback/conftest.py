import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from imar.feedback import services


def geotagged_jpeg(name="site.jpg", lat=(32.0, 45.0, 36.0), lon=(22.0, 38.0, 24.0)):
    """A small JPEG whose EXIF puts it at 32.76 N, 22.64 E (Derna), with a camera comment."""
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: lat, 3: "E", 4: lon}
    exif[ExifTags.Base.Make] = "SENTINEL-CAMERA"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _feedback_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMAR_FEEDBACK_MIN_SECONDS = 0
    settings.IMAR_FEEDBACK_PER_ADDRESS_HOUR = 5
    settings.IMAR_FEEDBACK_PER_PROJECT_HOUR = 30


@pytest.fixture
def school(make_project, derna):
    return make_project(
        code="DRN-SCH-1",
        title_ar="إعادة بناء مدرسة الشهداء في درنة",
        title_en="Rebuilding Al-Shuhada school in Derna",
        sector="education",
        municipality=derna,
    )


_n = iter(range(1, 10_000))


@pytest.fixture
def submit(school):
    def make(project=None, category="work_stopped", text=None, address=None, **extra):
        n = next(_n)
        return services.case_submit(
            project=project or school,
            category=category,
            text=text or f"توقف العمل في المدرسة منذ شهرين رقم {n}",
            client_address=address or f"198.51.100.{n % 250}",
            **extra,
        )

    return make
