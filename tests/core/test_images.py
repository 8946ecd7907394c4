"""Images are measured before they are decoded and rebuilt from their pixels; a 13000 × 13000
photo is refused without raising memory, while decoding it would take some 800 MB."""

import io

import pytest
from PIL import Image

from imar.core.images import ImageRefused, check_image, reencode
from tests.images import (
    PAYLOAD,
    bomb_png,
    peak_memory_mb,
    photo_with_gps_and_payload,
    write_big_jpeg,
)

CAP = 40_000_000


@pytest.fixture(scope="session")
def big_photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("images") / "13000.jpg"
    write_big_jpeg(path, 13000)
    return path


def test_a_decompression_bomb_is_refused_by_its_header():
    with pytest.raises(ImageRefused) as refused:
        check_image(io.BytesIO(bomb_png()), max_pixels=CAP)
    assert refused.value.code == "too_many_pixels"


def test_an_image_just_over_the_cap_is_refused_with_its_size():
    out = io.BytesIO()
    Image.new("1", (8001, 5000)).save(out, format="PNG")
    with pytest.raises(ImageRefused) as refused:
        check_image(out, max_pixels=CAP)
    assert refused.value.params == {"width": 8001, "height": 5000, "max_pixels": CAP}


def test_what_is_not_an_image_is_refused():
    for data in (b"", b"GIF89a" + b"\x00" * 10, b"\x89PNG\r\n\x1a\n<html>", b"%PDF-1.7"):
        with pytest.raises(ImageRefused) as refused:
            check_image(io.BytesIO(data), max_pixels=CAP)
        assert refused.value.code == "not_image"


def test_reencoding_drops_exif_gps_and_an_appended_script():
    data, kind = reencode(io.BytesIO(photo_with_gps_and_payload()), max_pixels=CAP)
    assert kind == "JPEG" and PAYLOAD not in data
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {} and image.size == (800, 600)
    assert "icc_profile" not in image.info and "exif" not in image.info


def test_the_13000_pixel_photo_is_refused_without_raising_memory(big_photo):
    outcome, megabytes = peak_memory_mb(big_photo, "public-copy", CAP)
    assert outcome == "too_many_pixels" and megabytes < 20


def test_even_with_the_cap_lifted_a_jpeg_is_decoded_at_a_fraction_of_its_size(big_photo):
    baseline_outcome, full = peak_memory_mb(big_photo, "full-decode", 0)
    outcome, draft = peak_memory_mb(big_photo, "public-copy", 200_000_000)
    assert (baseline_outcome, outcome) == ("ok", "ok")
    # What decoding the whole photo costs: most of its pixels (13000 x 13000 x 3 bytes,
    # about 480 MiB; the figure seen is 400 to 800 MiB depending on the allocator, and once
    # 200 MiB on a loaded machine where the kernel had reclaimed pages during the decode).
    assert full > 13000 * 13000 * 3 / 2**20 * 0.3
    assert draft < full / 8, (draft, full)
