from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ArabicFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in the language of their address: `/en/…` English, `/ar/…` Arabic.

    An unprefixed page (`/…`, what bookmarks and printed links hold) is in Arabic unless the
    person chose English with the language switch (cookie `imar_language`). A visitor with no
    cookie whose browser asks for no Arabic at all (a foreign delegate, a journalist abroad)
    is sent to the English address of the page. A browser that lists Arabic anywhere, or
    sends no Accept-Language, stays in Arabic: many Libyan offices run English-locale systems,
    yet the fund works in Arabic. The API still honours Accept-Language, as scripts expect;
    the API, open-data files, static and media files, the admin and /i18n/ have no prefix
    (`imar.core.languages`).
    """

    def process_request(self, request):
        from imar.core.languages import is_page_path, split_prefix

        # The language active before the request comes back after it (as with
        # translation.override): code that runs requests in-process, like the test client,
        # keeps its own language instead of inheriting the last page's.
        request.language_before = translation.get_language()
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        prefixed, bare = split_prefix(request.path_info)
        if prefixed:
            language = prefixed
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if language not in dict(settings.LANGUAGES):
                if self._foreign_visitor(request) and is_page_path(bare):
                    return self._to_english(request)
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        request.language_prefixed = bool(prefixed)
        return None

    @staticmethod
    def _foreign_visitor(request) -> bool:
        """A first visit of a browser that names languages, none of them Arabic."""
        if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
            return False
        header = request.headers.get("Accept-Language", "").strip()
        if not header or header == "*":
            return False
        languages = [part.split(";")[0].strip().lower() for part in header.split(",")]
        return not any(code == "ar" or code.startswith("ar-") for code in languages)

    @staticmethod
    def _to_english(request):
        from imar.core.languages import language_path

        target = language_path(request.path_info, "en")
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(f"{target}?{query}" if query else target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not getattr(request, "language_prefixed", True):
            # The unprefixed address answers by cookie and browser: caches must keep them apart.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # A streamed body (an export) is written after this returns, in the request's language.
        if hasattr(request, "language_before") and not response.streaming:
            if request.language_before:
                translation.activate(request.language_before)
            else:
                translation.deactivate()
        return response


class SQLiteReadsDoNotQueue:
    """On SQLite, requests that only read (GET, HEAD, OPTIONS) open deferred transactions.

    Writes begin IMMEDIATE (settings): each takes the write lock at BEGIN, so concurrent
    writers wait their turn instead of failing midway. A request that only reads needs no
    lock: under WAL it reads a consistent snapshot while an import writes, instead of
    queueing behind the import. Other databases are left alone.
    """

    READS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection = connections[DEFAULT_DB_ALIAS]
        if (
            request.method not in self.READS
            or connection.vendor != "sqlite"
            or not connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        ):
            return self.get_response(request)
        connection.ensure_connection()  # the mode is read from the settings on connecting
        mode = connection.transaction_mode
        connection.transaction_mode = None  # a plain BEGIN: deferred
        try:
            return self.get_response(request)
        finally:
            connection.transaction_mode = mode
