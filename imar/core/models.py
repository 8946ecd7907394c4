"""Shared model building blocks: bilingual names and the search key."""

import re

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


# Arabic letters (the base block, the supplements and the presentation forms).
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_arabic_script(text: str) -> bool:
    """True when the text holds an Arabic letter (a name written in Arabic)."""
    return bool(_ARABIC_LETTER.search(text or ""))


def latin_name_field(**kwargs) -> models.CharField:
    """A person's name in Latin letters, beside the name as written (usually Arabic)."""
    return models.CharField(
        _("name in Latin letters"),
        max_length=200,
        blank=True,
        help_text=_("The name as spelled in English pages and letters; blank if already Latin."),
        **kwargs,
    )


def person_names(written: str, latin: str) -> tuple[str, str]:
    """(Arabic, English) for a person named `written` with the Latin spelling `latin`.

    The name as written counts as Arabic when it holds Arabic letters, else as the Latin
    name itself (a foreign delegate types their name in Latin letters)."""
    written, latin = (written or "").strip(), (latin or "").strip()
    if is_arabic_script(written):
        return written, latin
    return "", latin or written


class PersonNamed:
    """`name_ar` / `name_en` for a person with one name as written and its Latin spelling,
    so `{{ person|bilingual_name }}` shows them in the page's language."""

    written_name_field = "name"

    @property
    def name_ar(self) -> str:
        return person_names(getattr(self, self.written_name_field), self.name_latin)[0]

    @property
    def name_en(self) -> str:
        return person_names(getattr(self, self.written_name_field), self.name_latin)[1]

    @property
    def display_name(self) -> str:
        return pick_language(self.name_ar, self.name_en)


def in_language(obj, field: str) -> str:
    """A free text kept in Arabic (`field`) and English (`field`_en), in the page's language."""
    return pick_language(getattr(obj, field, "") or "", getattr(obj, f"{field}_en", "") or "")


def english_text_field(label, *, long: bool = False, max_length: int = 300):
    """The English version of a free text whose main field holds the Arabic one."""
    if long:
        return models.TextField(label, blank=True)
    return models.CharField(label, max_length=max_length, blank=True)
