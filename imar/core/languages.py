"""Language in the address: `/en/…` and `/ar/…` beside the unprefixed `/…` (Arabic unless the
person chose English).

Every page is reachable three ways: `/ar/<path>`, `/en/<path>` and `/<path>`. The prefix, when
there is one, decides the language (`imar.core.middleware.ArabicFirstLocaleMiddleware`); links
are built by `reverse()` in the page's language, so an English page links to `/en/…` and an
Arabic page to the unprefixed `/…` (Arabic is the default language, and the unprefixed address
is what bookmarks, printed QR codes and the test suite already use). The API, the open-data
files, static and media files, the admin and `/i18n/` are never prefixed.
"""

from django.conf import settings
from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.translation import get_language

# Address beginnings that are not pages in a language: never prefixed, never redirected.
UNPREFIXED = ("api/", "open-data/", "static/", "media/", "admin/", "i18n/")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def split_prefix(path: str) -> tuple[str | None, str]:
    """(language, rest) of an address: ("en", "/forum/x/") for "/en/forum/x/"; (None, path)
    when the address has no language prefix. "/en" alone counts as "/en/"."""
    for code in language_codes():
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return code, path[len(code) + 1 :] or "/"
    return None, path


def is_page_path(path: str) -> bool:
    """Whether an address (without a language prefix) is a page that has a language."""
    return not path.lstrip("/").startswith(UNPREFIXED)


def language_path(path: str, language: str) -> str:
    """The address of the same page in `language`: "/en/…" for English, "/…" for Arabic
    (the default language) — whatever prefix `path` had."""
    _code, bare = split_prefix(path)
    if language == settings.LANGUAGE_CODE or not is_page_path(bare):
        return bare
    return f"/{language}{bare}"


class LanguagePrefixPattern(LocalePrefixPattern):
    """`i18n_patterns` that also answers the unprefixed address and the default language's
    prefix: reversing gives "en/" in English and "" in Arabic, while resolving accepts
    "ar/", "en/" or nothing (the middleware has already chosen the language)."""

    def __init__(self):
        super().__init__(prefix_default_language=False)

    @property
    def language_prefix(self) -> str:
        language = get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE or language not in language_codes():
            return ""
        return f"{language}/"

    def match(self, path):
        for code in language_codes():
            if path.startswith(f"{code}/"):
                return path.removeprefix(f"{code}/"), (), {}
        return path, (), {}


def language_patterns(urlpatterns: list) -> list:
    """The site's URL patterns with every page under the language prefix; the unprefixed
    beginnings (`UNPREFIXED`) stay outside, before the pages, in their order."""
    outside, pages = [], []
    for pattern in urlpatterns:
        route = str(pattern.pattern).lstrip("^")
        (outside if route.startswith(UNPREFIXED) else pages).append(pattern)
    return [*outside, URLResolver(LanguagePrefixPattern(), pages)]
