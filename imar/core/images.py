"""Uploaded images: measured before they are decoded, then decoded once and re-encoded.

`Image.open()` reads only the header; the pixels are decoded by `load()`. Every upload is
checked in between, so a 30000 × 30000 PNG (a decompression bomb: a few hundred KB that
decode to gigabytes) or a 13000 × 13000 photo is refused by its pixel count without a byte of
pixel memory. What passes is re-encoded from its pixels alone: EXIF (with GPS), XMP, ICC,
comments and anything appended after the image data stay behind.

`IMAR_MAX_IMAGE_PIXELS` (default 40 megapixels, a 7000 × 5700 photo) is the cap; Pillow's own
`MAX_IMAGE_PIXELS` is set to it too, as a second line. JPEGs shrunk for display are decoded
at a reduced scale (libjpeg's draft mode), so a large photo costs a fraction of its size.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_PIXELS = 40_000_000
OUTPUT_FORMATS = {"JPEG": "jpg", "PNG": "png"}


class ImageRefused(Exception):
    """Why an upload is not an acceptable image: a stable code ("too_many_pixels",
    "not_image") and its parameters, for the caller to put in words."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code = code
        self.params = params or {}


def configure_pillow(max_pixels: int) -> None:
    """Pillow's own decompression-bomb limit, at the same cap (it raises above twice it)."""
    Image.MAX_IMAGE_PIXELS = max_pixels


def _rewind(stream) -> None:
    if hasattr(stream, "seek"):
        stream.seek(0)


def open_image(stream, *, max_pixels: int) -> Image.Image:
    """The image, opened (header read, nothing decoded) and measured; raises ImageRefused."""
    _rewind(stream)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its limit (which is ours) and raises above twice it; the
            # size is checked just below, with the width and height to tell.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(stream)
    except Image.DecompressionBombError:
        raise ImageRefused("too_many_pixels", {"max_pixels": max_pixels}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused("not_image") from None
    width, height = image.size
    if width * height > max_pixels or width <= 0 or height <= 0:
        raise ImageRefused(
            "too_many_pixels", {"width": width, "height": height, "max_pixels": max_pixels}
        )
    return image


def check_image(stream, *, max_pixels: int) -> tuple[str, tuple[int, int]]:
    """(format, size) of an acceptable image; its structure is verified, its pixels are not
    decoded. Raises ImageRefused."""
    image = open_image(stream, max_pixels=max_pixels)
    try:
        kind, size = image.format, image.size
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise ImageRefused("not_image") from None
    finally:
        _rewind(stream)  # not image.close(): Pillow would close the caller's file too
    return kind, size


def reencode(
    stream, *, max_pixels: int, max_side: int | None = None, output: str | None = None
) -> tuple[bytes, str]:
    """(bytes, format) of the image rebuilt from its pixels: upright (as its EXIF said), at
    most `max_side` wide or high, with no metadata. `output` is "JPEG" or "PNG"; by default
    the input's own, PNG for anything else. Raises ImageRefused."""
    check_image(stream, max_pixels=max_pixels)
    image = open_image(stream, max_pixels=max_pixels)
    try:
        kind = output or (image.format if image.format in OUTPUT_FORMATS else "PNG")
        if max_side and image.format == "JPEG":
            image.draft("RGB", (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 scale
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = ImageOps.exif_transpose(image)
        if kind == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        if max_side:
            image.thumbnail((max_side, max_side))
        # A new image holds pixels only: no EXIF, GPS, XMP, ICC or comment is carried over.
        clean = Image.new(image.mode, image.size)
        if image.mode == "P":
            clean.putpalette(image.getpalette())
        clean.paste(image)
        out = io.BytesIO()
        if kind == "JPEG":
            clean.save(out, format="JPEG", quality=85, optimize=True)
        else:
            clean.save(out, format="PNG", optimize=True)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        raise ImageRefused("not_image") from None
    finally:
        _rewind(stream)
    return out.getvalue(), kind
