"""Hostile and heavy images for upload tests, made without decoding them in this process."""

import io
import struct
import subprocess
import sys
import zlib

from PIL import Image

PAYLOAD = b"<script>alert('payload')</script>"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A valid 1-bit PNG of width × height white pixels: ~100 KB that decode to gigabytes."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    squeeze = zlib.compressobj(9)
    parts = [squeeze.compress(row * 500) for _ in range(height // 500)]
    parts += [squeeze.compress(row * (height % 500)), squeeze.flush()]
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def photo_with_gps_and_payload(size=(800, 600)) -> bytes:
    """A JPEG with EXIF (camera, GPS) and a script appended after its end marker."""
    image = Image.new("RGB", size, (120, 140, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (32.0, 45.0, 0.0), 3: "E", 4: (22.0, 38.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue() + PAYLOAD


def png_with_payload(size=(64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 60, 255)).save(out, format="PNG")
    return out.getvalue() + PAYLOAD


def write_big_jpeg(path, side: int) -> None:
    """A side × side grey JPEG, made in a child process so this one's memory stays small."""
    code = (
        "import sys; from PIL import Image; Image.MAX_IMAGE_PIXELS = None; "
        "Image.new('L', (int(sys.argv[2]),) * 2, 128).save(sys.argv[1], 'JPEG', quality=60)"
    )
    subprocess.run([sys.executable, "-c", code, str(path), str(side)], check=True, timeout=300)


MEASURE = """
import resource, sys
from PIL import Image
from imar.core.images import ImageRefused, reencode
path, how, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
Image.MAX_IMAGE_PIXELS = cap
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open(path, "rb") as f:
        if how == "full-decode":
            Image.MAX_IMAGE_PIXELS = None
            Image.open(f).convert("RGB")
        else:
            reencode(f, max_pixels=cap, max_side=1600, output="JPEG")
    outcome = "ok"
except ImageRefused as refused:
    outcome = refused.code
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(outcome, (after - before) / 1024)
"""


def peak_memory_mb(path, how: str, cap: int) -> tuple[str, float]:
    """(outcome, growth of the peak resident memory in MB) of handling one image, measured
    in a fresh process: "public-copy" is the upload pipeline, "full-decode" the baseline."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), how, str(cap)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcome, megabytes = done.stdout.split()
    return outcome, float(megabytes)
