"""The director's printable briefing on the fund's work with one partner country."""

from django.shortcuts import render
from django.utils import timezone
from django_countries import countries

from imar.core.countries import country_choices as core_country_choices
from imar.core.models import pick_language
from imar.partners import briefing as selectors
from imar.partners import extensions
from imar.partners.selectors import HOME_COUNTRY
from imar.partners.views.access import relations_required


def country_choices() -> list[tuple[str, str]]:
    """Foreign countries, named and sorted in the active language (imar.core.countries)."""
    return core_country_choices(exclude=(HOME_COUNTRY,))


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
