"""Isolation in templates: `{{ value|isolate }}` keeps a date, figure, code or Latin name whole
inside a sentence of the other direction (Unicode FSI … PDI, as `imar.core.text.isolated`),
where a `<bdi>` cannot go: in the value of a `blocktranslate … with x=…`, so the translated
sentence keeps its msgid."""

from django import template

from imar.core.text import isolated

register = template.Library()


@register.filter
def isolate(value) -> str:
    return isolated(value) if value not in (None, "") else ""
