"""`{% feedback_panel project %}`: the citizens' box on a public project page (counts, the
published answers and the link to the form)."""

from django import template

from imar.feedback import selectors

register = template.Library()


@register.inclusion_tag("feedback/_project_panel.html")
def feedback_panel(project):
    return {
        "project": project,
        "counts": selectors.project_counts(project),
        "cases": list(selectors.public_cases(project)),
    }


@register.filter
def percent(value) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


@register.simple_tag
def field_label(name: str) -> str:
    from django.utils.translation import gettext as _

    labels = {
        "location": _("Location"),
        "contractor": _("Contractor"),
        "dates": _("Dates"),
        "budget": _("Budget"),
        "photos": _("Photos"),
        "indicators": _("Indicators"),
    }
    return labels.get(name, name)
