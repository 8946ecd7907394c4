"""Public registration is open to anyone, so it is rationed: request size, attempts per client
address per hour and registrations per event per hour (settings IMAR_FORUM_REGISTRATION_*)."""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.client_ip import client_ip
from imar.forum.models import Event, Participant


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


def _too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.IMAR_FORUM_REGISTRATION_MAX_BYTES


def _attempts_this_hour(event: Event, address: str) -> int:
    """Count this attempt in a fixed one-hour window per event and address (in the cache)."""
    window = int(time.time() // 3600)
    key = f"imar:forum-register:{event.pk}:{address}:{window}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


def refusal_for(request, event: Event) -> Refusal | None:
    """Why this registration attempt is refused before it is read, or None."""
    if _too_large(request):
        return Refusal(
            413,
            _("The registration is too large (at most %(kb)d KB). Shorten the texts.")
            % {"kb": settings.IMAR_FORUM_REGISTRATION_MAX_BYTES // 1024},
        )
    limit = settings.IMAR_FORUM_REGISTRATIONS_PER_ADDRESS_HOUR
    if _attempts_this_hour(event, client_ip(request)) > limit:
        return Refusal(
            429,
            _(
                "Too many registrations from your network in the last hour. Try again later, "
                "or write to the organizers."
            ),
        )
    recent = Participant.objects.filter(
        event=event, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= settings.IMAR_FORUM_REGISTRATIONS_PER_EVENT_HOUR:
        return Refusal(
            429,
            _("Registration is very busy right now. Please try again in an hour."),
        )
    return None
