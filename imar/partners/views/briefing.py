"""The director's printable briefing on the fund's work with one partner country."""

from django.shortcuts import render
from django.utils import timezone
from django_countries import countries

from imar.core.models import pick_language
from imar.core.text import normalize_search
from imar.partners import briefing as selectors
from imar.partners import extensions
from imar.partners.selectors import HOME_COUNTRY
from imar.partners.views.access import relations_required

ARTICLE = "ال"


def collation_key(name: str) -> str:
    """How a country name sorts in a list a person reads: letters folded as search folds them
    (أ إ آ as ا, ة as ه, diacritics and Latin accents dropped, case ignored) and, in Arabic,
    the article "ال" set aside as in an index, so الجزائر sorts under ج beside جيبوتي rather
    than with every other country whose name takes the article."""
    key = normalize_search(name)
    if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1:
        key = key[len(ARTICLE) :]
    return key


def country_choices() -> list[tuple[str, str]]:
    """Foreign countries, named in the active language and sorted by that name (django-
    countries sorts by the English names whatever the language)."""
    names = [(code, str(name)) for code, name in countries if code != HOME_COUNTRY]
    return sorted(names, key=lambda item: (collation_key(item[1]), item[0]))


@relations_required
def briefing(request):
    requested = request.GET.get("country", "")
    country = selectors.partner_country(requested)
    context = {"requested": requested.upper()}
    if country is None:
        context["invalid"] = bool(requested)
        return render(request, "partners/briefing.html", context)
    data = selectors.briefing(country, user=request.user)
    for row in data["by_region"]:
        row["name"] = pick_language(
            row["municipality__district__region__name_ar"] or "",
            row["municipality__district__region__name_en"] or "",
        )
    sections, section_context = extensions.briefing_sections(country=country, user=request.user)
    context.update(section_context, sections=sections)
    context.update(
        data,
        country=country,
        country_name=countries.name(country),
        prepared_on=timezone.localdate(),
        prepared_by=request.user.get_full_name() or request.user.get_username(),
    )
    return render(request, "partners/briefing.html", context)
