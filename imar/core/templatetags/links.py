"""Links built from stored data: only web addresses become an href.

Forms and the API accept only http(s) websites, but a row imported or edited directly could
hold "javascript:…" or "data:…"; such a value is shown as nothing rather than as a link.
"""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def http_url(value) -> str:
    """`value` when it is an http or https address with a host, else ""."""
    text = str(value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""
