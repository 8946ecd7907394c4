"""The "Export CSV / XLSX" links of a staff list, built from the page's own query string so
the export carries the same filters and sort (imar.core.list_export)."""

from django import template

from imar.core.list_export import FORMATS, export_query

register = template.Library()


@register.inclusion_tag("core/_export_links.html", takes_context=True)
def export_links(context, path: str = ""):
    request = context["request"]
    base = path or request.path
    return {"links": [(fmt, f"{base}?{export_query(request.GET, fmt)}") for fmt in FORMATS]}
