"""Bilingual names on pages: the name in the page's language, the other script beneath it.

    {% load names %}{{ organization|bilingual_name }}

renders the English name on an English page with the Arabic one on a secondary line (and the
reverse on an Arabic page), each isolated (`<bdi>`) so a Latin name inside Arabic text keeps
its order; one line when the object has only one name or both are the same.
"""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import format_html
from django.utils.translation import get_language

from imar.core.models import in_language as text_in_language
from imar.core.models import person_names

register = template.Library()


class _UserNames:
    """A staff user's names: the full name as written and the profile's Latin spelling."""

    def __init__(self, user):
        written = (user.get_full_name() or user.get_username()) if user else ""
        try:
            latin = user.profile.name_latin
        except (AttributeError, ObjectDoesNotExist):
            latin = ""
        self.name_ar, self.name_en = person_names(written, latin)
        self.fallback = written

    def __str__(self) -> str:
        return self.fallback


def name_pair(obj) -> tuple[str, str, str]:
    """(name in the page's language, the other name or "", the other name's language)."""
    arabic = str(getattr(obj, "name_ar", "") or "").strip()
    english = str(getattr(obj, "name_en", "") or "").strip()
    if not arabic and not english:
        return str(obj or ""), "", ""
    if (get_language() or "ar").startswith("ar"):
        primary, other, other_language = arabic or english, english, "en"
    else:
        primary, other, other_language = english or arabic, arabic, "ar"
    if not other or other == primary:
        return primary, "", ""
    return primary, other, other_language


@register.filter
def bilingual_name(obj):
    """The name in the page's language, with the other script on a secondary line."""
    primary, other, other_language = name_pair(obj)
    if not other:
        return format_html("<bdi>{}</bdi>", primary)
    return format_html(
        '<bdi>{}</bdi><span class="name-other d-block small text-muted" lang="{}" dir="{}">'
        "<bdi>{}</bdi></span>",
        primary,
        other_language,
        "rtl" if other_language == "ar" else "ltr",
        other,
    )


@register.filter
def bilingual_name_inline(obj):
    """The same, on one line: "Name (الاسم)", for table cells and lists."""
    primary, other, other_language = name_pair(obj)
    if not other:
        return format_html("<bdi>{}</bdi>", primary)
    return format_html(
        '<bdi>{}</bdi> <span class="name-other small text-muted" lang="{}">(<bdi>{}</bdi>)</span>',
        primary,
        other_language,
        other,
    )


@register.filter
def person_name(user):
    """A staff user's name in the page's language, the other script on a secondary line."""
    if not user:
        return ""
    return bilingual_name(_UserNames(user))


@register.filter
def person_name_inline(user):
    """The same on one line, for table cells."""
    if not user:
        return ""
    return bilingual_name_inline(_UserNames(user))


@register.filter
def in_language(obj, field: str) -> str:
    """A free text kept in Arabic (`field`) and English (`field`_en), in the page's language:
    {{ risk|in_language:"mitigation" }}."""
    return text_in_language(obj, field)


@register.filter
def person_name_short(user):
    """Only the name in the page's language (the menu bar, a byline)."""
    if not user:
        return ""
    return format_html("<bdi>{}</bdi>", name_pair(_UserNames(user))[0])
