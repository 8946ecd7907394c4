"""The public copy of a report photo: resized, re-encoded, with no EXIF (so no GPS)."""

import io

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from imar.portfolio.monitoring.errors import refuse

PUBLIC_MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 15 * 1024 * 1024


def check_image(upload, field: str = "photos") -> None:
    """Refuse what is not a readable image, or too big to be a phone photo."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise refuse(field, _("A photo may be at most 15 MB."))
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise refuse(
            field, _("“%(name)s” is not an image.") % {"name": getattr(upload, "name", "")}
        ) from None
    finally:
        upload.seek(0)


def public_copy(upload) -> ContentFile:
    """A JPEG at most PUBLIC_MAX_SIDE wide or high, turned upright, without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF said
        image = image.convert("RGB")
        image.thumbnail((PUBLIC_MAX_SIDE, PUBLIC_MAX_SIDE))
        # A fresh image holds pixels only: no EXIF, GPS, XMP or ICC block is carried over.
        clean = Image.new("RGB", image.size)
        clean.paste(image)
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=82, optimize=True)
    upload.seek(0)
    return ContentFile(out.getvalue())
