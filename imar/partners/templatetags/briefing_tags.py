"""The country picker that leads to the printable briefing, usable from any partners page."""

from django import template

from imar.partners.views.briefing import country_choices

register = template.Library()


@register.inclusion_tag("partners/_briefing_picker.html")
def briefing_picker(selected: str = ""):
    return {"country_choices": country_choices(), "selected": str(selected or "").upper()}
