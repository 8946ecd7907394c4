"""Files a page hands to a background job: an uploaded file kept until its job has read it.

The upload is written under `IMAR_JOBS_FILES_DIR` (the data directory's `jobs/` by
default: the worker runs beside the web server and reads the same disk; give both the same
shared directory when they run on different machines), named by its SHA-256, so the same
file uploaded twice is one file and one job (the job's arguments name it). The job deletes
it when it ends; `prune()` removes what a job that never ended left behind.
"""

import contextlib
import hashlib
import os
import time
from pathlib import Path

from django.conf import settings

_SAFE_SUFFIXES = {".xml", ".xlsx", ".csv", ".json"}


def _root() -> Path:
    root = Path(settings.IMAR_JOBS_FILES_DIR)
    root.mkdir(parents=True, exist_ok=True)
    return root


def store(upload, *, prefix: str) -> tuple[str, str]:
    """Write the upload (a Django UploadedFile or bytes); (stored name, sha256)."""
    digest = hashlib.sha256()
    root = _root()
    suffix = Path(getattr(upload, "name", "") or "").suffix.lower()
    suffix = suffix if suffix in _SAFE_SUFFIXES else ".bin"
    temporary = root / f".incoming-{os.getpid()}-{time.monotonic_ns()}"
    with open(temporary, "wb") as out:
        chunks = [upload] if isinstance(upload, bytes) else upload.chunks()
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    name = f"{prefix}-{digest.hexdigest()}{suffix}"
    os.replace(temporary, root / name)
    return name, digest.hexdigest()


def path_of(name: str) -> Path:
    """The stored file's path; ValueError for a name that is not a plain stored name."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a stored upload name: {name!r}")
    return _root() / name


def read(name: str) -> bytes:
    return path_of(name).read_bytes()


def discard(name: str) -> None:
    with contextlib.suppress(FileNotFoundError, ValueError):
        path_of(name).unlink()


def prune(*, before) -> int:
    """Delete stored uploads last written before `before` (an aware datetime); how many."""
    from imar.jobs.enums import LIVE_STATES
    from imar.jobs.models import Job

    cutoff = before.timestamp()
    live = {
        value
        for arguments in Job.objects.filter(state__in=LIVE_STATES).values_list(
            "arguments", flat=True
        )
        for value in (arguments or {}).values()
        if isinstance(value, str)
    }
    removed = 0
    for path in _root().iterdir():
        if path.is_file() and path.name not in live and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
