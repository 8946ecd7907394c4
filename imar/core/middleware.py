from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ArabicFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Arabic unless the person chose English with the language switch.

    A browser's Accept-Language is ignored for pages (many Libyan offices run English-locale
    systems, yet the fund works in Arabic); the API still honours it, as scripts expect.
    """

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


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
