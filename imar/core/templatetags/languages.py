"""The page's addresses in each language: the language switch and the `hreflang` links."""

from django import template
from django.conf import settings

from imar.core.languages import is_page_path, language_path, split_prefix

register = template.Library()


def _path_and_query(request) -> tuple[str, str]:
    query = request.META.get("QUERY_STRING", "")
    return request.path, (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def page_in_language(context, language: str) -> str:
    """This page's address in `language` ("/en/…" for English, "/…" for Arabic), with its
    query; for an unprefixed address such as /open-data/, the address itself."""
    request = context.get("request")
    if request is None:
        return "/"
    path, query = _path_and_query(request)
    return language_path(path, language) + query


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """`hreflang` alternates of this page: one absolute address per language and the
    unprefixed one as x-default; none for addresses without a language (open data)."""
    request = context.get("request")
    if request is None:
        return []
    path, query = _path_and_query(request)
    _code, bare = split_prefix(path)
    if not is_page_path(bare):
        return []
    alternates = [
        {"code": code, "url": request.build_absolute_uri(f"/{code}{bare}{query}")}
        for code, _name in settings.LANGUAGES
    ]
    alternates.append({"code": "x-default", "url": request.build_absolute_uri(bare + query)})
    return alternates


@register.simple_tag(takes_context=True)
def absolute_in_language(context, path: str, language: str) -> str:
    """The full address of `path` in `language`, to share (e.g. an invitation link)."""
    address = language_path(path, language)
    request = context.get("request")
    return request.build_absolute_uri(address) if request is not None else address
