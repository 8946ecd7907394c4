"""Image uploads in forms, the API and services: `imar.core.images` with translated errors
that name the field and the file, and the cap taken from the settings."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from imar.core.images import OUTPUT_FORMATS, ImageRefused, check_image, reencode


def max_pixels() -> int:
    return settings.IMAR_MAX_IMAGE_PIXELS


def refusal_message(refused: ImageRefused, *, label: str, name: str) -> str:
    if refused.code == "too_many_pixels":
        limit = f"{refused.params['max_pixels'] / 1_000_000:g}"
        if "width" in refused.params:
            return _(
                "%(field)s: “%(name)s” is %(width)s × %(height)s pixels; an image may have at "
                "most %(limit)s megapixels. Send a smaller copy."
            ) % {**refused.params, "field": label, "name": name, "limit": limit}
        return _(
            "%(field)s: “%(name)s” has too many pixels; an image may have at most %(limit)s "
            "megapixels. Send a smaller copy."
        ) % {"field": label, "name": name, "limit": limit}
    return _("%(field)s: “%(name)s” is not an image that can be read (JPEG or PNG).") % {
        "field": label,
        "name": name,
    }


def _name(upload) -> str:
    return Path(getattr(upload, "name", "") or "").name or _("the file")


def check_image_upload(upload, *, field: str, label: str) -> None:
    """Refuse (ValidationError on `field`) what is not a readable image within the cap."""
    try:
        check_image(upload, max_pixels=max_pixels())
    except ImageRefused as refused:
        message = refusal_message(refused, label=label, name=_name(upload))
        raise ValidationError({field: [message]}) from None


def clean_image_upload(
    upload, *, field: str, label: str, max_side: int | None = None, output: str | None = None
) -> ContentFile:
    """The upload rebuilt from its pixels (no metadata, no payload), as a named file."""
    try:
        data, kind = reencode(upload, max_pixels=max_pixels(), max_side=max_side, output=output)
    except ImageRefused as refused:
        message = refusal_message(refused, label=label, name=_name(upload))
        raise ValidationError({field: [message]}) from None
    stem = Path(_name(upload)).stem or "image"
    return ContentFile(data, name=f"{stem}.{OUTPUT_FORMATS[kind]}")


class CheckedImageField(forms.ImageField):
    """A form's image field that measures the image before Pillow decodes anything."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            try:
                check_image(data, max_pixels=max_pixels())
            except ImageRefused as refused:
                raise ValidationError(
                    refusal_message(refused, label=str(self.label or ""), name=_name(data)),
                    code=refused.code,
                ) from None
        return super().to_python(data)
