"""Report photos: checked before decoding, and a public copy that is resized, re-encoded and
without EXIF (so no GPS). The unaltered original stays in private storage for staff."""

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from imar.core.image_uploads import check_image_upload, clean_image_upload
from imar.monitoring.errors import refuse

PUBLIC_MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 15 * 1024 * 1024


def check_image(upload, field: str = "photos", label: str | None = None) -> None:
    """Refuse what is not a readable image, too big to be a phone photo, or with more pixels
    than the cap (measured from the header: nothing is decoded)."""
    label = label or _("Photo")
    if upload.size > MAX_UPLOAD_BYTES:
        raise refuse(
            field,
            _("%(field)s: “%(name)s” is larger than 15 MB.")
            % {"field": label, "name": getattr(upload, "name", "")},
        )
    check_image_upload(upload, field=field, label=label)


def public_copy(upload) -> ContentFile:
    """A JPEG at most PUBLIC_MAX_SIDE wide or high, turned upright, without metadata."""
    return clean_image_upload(
        upload, field="photos", label=_("Photo"), max_side=PUBLIC_MAX_SIDE, output="JPEG"
    )
