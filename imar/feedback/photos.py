"""A citizen's photo: its EXIF position read (kept private on the case), then the photo
re-encoded from its pixels by `imar.core.images`, so the stored copy has no EXIF at all."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import ExifTags, Image

from imar.core.image_uploads import check_image_upload, clean_image_upload, max_pixels
from imar.core.images import ImageRefused, open_image

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_SIDE = 1600


def _degrees(value, ref) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60 + s / 3600
    return -result if str(ref).upper() in ("S", "W") else result


def gps_of(upload) -> tuple[float, float] | None:
    """(latitude, longitude) from the photo's EXIF GPS block, or None (no block, garbled,
    or out of range). The header alone is read; nothing is decoded."""
    try:
        image = open_image(upload, max_pixels=max_pixels())
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    except (ImageRefused, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)
    if not gps:
        return None
    lat = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef, "N"))
    lon = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef, "E"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def check_photos(uploads) -> None:
    label = _("Photos")
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": [_("Photos: send at most %(n)s photos.") % {"n": MAX_PHOTOS}]}
        )
    for upload in uploads:
        if upload.size > MAX_PHOTO_BYTES:
            raise ValidationError(
                {
                    "photos": [
                        _("Photos: “%(name)s” is larger than 8 MB.")
                        % {"name": getattr(upload, "name", "")}
                    ]
                }
            )
        check_image_upload(upload, field="photos", label=label)


def clean_copy(upload):
    """The photo rebuilt from its pixels (JPEG, at most MAX_SIDE), with no metadata."""
    return clean_image_upload(
        upload, field="photos", label=_("Photos"), max_side=MAX_SIDE, output="JPEG"
    )
