"""Shared model building blocks: bilingual names and the search key."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from imar.core.text import normalize_search


def pick_language(arabic: str, english: str) -> str:
    """The value in the active language, falling back to the other one."""
    if (get_language() or "ar").startswith("ar"):
        return arabic or english
    return english or arabic


class SearchKey:
    """Keeps a model's `search_text` column the normalized join of its `search_source()`.

    `save()` refreshes it; bulk inserts, which skip `save()`, call `refresh_search_text()`
    on each object, so the key has one definition per model.
    """

    def search_source(self) -> list[str]:
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        self.search_text = normalize_search(" ".join(filter(None, self.search_source())))

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class BilingualNamed(SearchKey, models.Model):
    """A name stored in Arabic and English, plus a normalized search key."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return pick_language(self.name_ar, self.name_en)

    def search_source(self) -> list[str]:
        return [self.name_ar, self.name_en]

    def __str__(self) -> str:
        return self.name
