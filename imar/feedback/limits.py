"""Rate limits on new cases, counted in Django's cache (no third-party service).

Fixed one-hour windows per client address (the address is hashed into the key, never
stored) and per project. The address comes from `imar.accounts.client_ip`, which reads
X-Forwarded-For only under the operator's trusted-proxy settings, so a forged header does
not buy a fresh allowance.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def _key(kind: str, value: str, now: float) -> str:
    window = int(now // WINDOW)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:24]
    return f"imar:feedback:{kind}:{digest}:{window}"


def _take(key: str, limit: int) -> bool:
    """Count one more in the window; False when the limit was already reached."""
    cache.add(key, 0, timeout=WINDOW + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW + 60)
        count = 1
    return count <= limit


def allow(*, address: str, project_key: str, now: float | None = None) -> str | None:
    """None when a case may be taken; else which limit was reached ("address", "project")."""
    now = time.time() if now is None else now
    if not _take(_key("addr", address, now), settings.IMAR_FEEDBACK_PER_ADDRESS_HOUR):
        return "address"
    if not _take(_key("proj", project_key, now), settings.IMAR_FEEDBACK_PER_PROJECT_HOUR):
        return "project"
    return None


LOOKUPS_PER_HOUR = 30


def allow_lookup(*, address: str, now: float | None = None) -> bool:
    """Tracking-code lookups per address and hour: guessing codes is slow as well as hopeless."""
    now = time.time() if now is None else now
    return _take(_key("look", address, now), LOOKUPS_PER_HOUR)
