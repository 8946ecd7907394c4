"""Bilingual names on pages: the name in the page's language, the other script beneath it.

    {% load names %}{{ organization|bilingual_name }}

renders the English name on an English page with the Arabic one on a secondary line (and the
reverse on an Arabic page), each isolated (`<bdi>`) so a Latin name inside Arabic text keeps
its order; one line when the object has only one name or both are the same.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


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
