"""Background work of citizens' cases (run by `imar feedback_escalate`, a queue later)."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from imar.feedback import selectors
from imar.feedback.services import escalate_overdue


def escalate() -> list[int]:
    """Escalate every overdue open case; the ids escalated."""
    return escalate_overdue()


def refresh_quality() -> int:
    """Compute the data-quality pages (staff and public, each language) and keep them for
    the pages to read; the number of summaries kept. A periodic job calls it."""
    kept = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for public in (False, True):
                cache.set(
                    selectors.quality_cache_key(public=public, language=language),
                    selectors.computed_quality(public=public),
                    max(settings.IMAR_QUALITY_CACHE_SECONDS, 60),
                )
                kept += 1
    return kept
