"""The public data version: one number that changes whenever anything the public may see
changes, so cached public pages and feeds are keyed by it and never served stale.

Who reads public data registers the models it reads (`watch(Model, ...)`, the portal does
it in its AppConfig); a save, delete or many-to-many change of one of them bumps the
number once the transaction commits (`changed()`; bulk writes, which send no signal, call
it themselves). A cached value is stored under `key(name, *parts)`, which holds the
current number: a bump makes every earlier entry unreachable at once (they expire by
their timeout). The number lives in the default cache (Redis in production, so every
process sees it; local memory in the demo, one per process).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "imar:public-version"
_watched: set = set()


def current() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no number yet (or evicted): any new one differs from a cached one
        cache.add(VERSION_KEY, 2, timeout=None)
        cache.incr(VERSION_KEY)


def changed(using: str | None = None) -> None:
    """Public data changed: bump the version when the transaction commits (at once outside
    one), so no reader can cache the old rows under the new number."""
    transaction.on_commit(_bump, using=using)


def key(name: str, *parts: Any) -> str:
    """The cache key of `name` for `parts` at the current version, in the active language
    (pages name districts and sectors in it)."""
    joined = ":".join(str(part) for part in parts)
    return f"imar:public:{current()}:{get_language() or '-'}:{name}:{joined}"


def cached(name: str, *parts: Any, build: Callable[[], Any], timeout: int | None = None):
    """`build()`, cached under `key(name, *parts)` until public data changes."""
    entry = key(name, *parts)
    value = cache.get(entry)
    if value is None:
        value = build()
        cache.set(entry, value, settings.IMAR_PUBLIC_CACHE_SECONDS if timeout is None else timeout)
    return value


def _on_write(sender, using=None, **kwargs) -> None:
    if kwargs.get("raw"):  # fixture loading
        return
    changed(using)


def _on_m2m(sender, action, using=None, **kwargs) -> None:
    if action.startswith("post_"):
        changed(using)


def watch(*models) -> None:
    """Bump the version on every save, delete or many-to-many change of `models`."""
    for model in models:
        if model in _watched:
            continue
        _watched.add(model)
        uid = f"imar.public_version:{model._meta.label}"
        post_save.connect(_on_write, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_on_write, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=uid + f":{field.name}")


def watched() -> frozenset:
    return frozenset(_watched)
