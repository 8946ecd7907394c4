"""Log lines: one per request (`RequestLog`), as JSON or plain text (`IMAR_LOG_FORMAT`).

Every request gets an id: the proxy's `X-Request-ID` when it is well formed (so one id
follows a request from nginx through Imar), a new one otherwise; it is echoed in the
response's `X-Request-ID` and carried by every log record written while the request runs.
What comes from the client (the id, the path) is hostile: a malformed id is replaced, never
logged as sent, and the path is cut to a bounded length with its control characters escaped,
so no one can forge a log line or bloat the log.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.utils.functional import empty

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and . _ : - only, up to 64 characters (a UUID, nginx's $request_id, a
# trace id); anything else is replaced by a new id.
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MAX_PATH_CHARS = 500
MAX_MESSAGE_CHARS = 4000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
request_logger = logging.getLogger("imar.request")


def request_id_from(header: str | None) -> str:
    """The client's id when well formed, else a new one (32 hex digits)."""
    if header and _WELL_FORMED_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def neutral(text: str, limit: int = MAX_PATH_CHARS) -> str:
    """`text` with control characters escaped and cut to `limit` characters (marked "…")."""
    text = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return text[:limit] + "…" if len(text) > limit else text


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request it was written in ("" outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


# The fields a request line carries, in order (besides time, level, logger and message).
REQUEST_FIELDS = ("request_id", "user_id", "method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the request's
    fields when present, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            # JSON escapes the control characters; the length is bounded here.
            "message": record.getMessage()[:MAX_MESSAGE_CHARS],
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value not in (None, ""):
                line[field] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain text for a terminal: time, level, logger, message; a request's id at the end."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        # A message quoting the client (Django's "Not Found: <path>") stays one line; a
        # traceback, added after it, keeps its lines.
        record.message = neutral(record.message, MAX_MESSAGE_CHARS)
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = getattr(record, "request_id", "")
        return f"{text} [{request_id}]" if request_id else text


def logging_config(*, log_format: str, level: str, request_lines: bool = True) -> dict:
    """The LOGGING setting: everything to stderr in `log_format`; one line per request at
    INFO when `request_lines` (else only the failures Django logs itself)."""
    formatter = {"json": "imar.core.logs.JsonFormatter", "text": "imar.core.logs.TextFormatter"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "imar.core.logs.RequestIdFilter"}},
        "formatters": {"imar": {"()": formatter[log_format]}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "imar",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "imar.request": {"level": "INFO" if request_lines else "WARNING"},
            # gunicorn's own messages (workers starting, timeouts) in the same format.
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }


def _user_id(request) -> int | None:
    """The signed-in user's id if the request already looked the user up (never a query of
    its own: on a public page that did not need the user, or with the database down)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLog:
    """The first middleware: sets the request id, answers with it, logs one line at the end.

    The line names the request id, the signed-in user's id (none when anonymous), method,
    path (without the query string, which may carry tokens), status and duration in
    milliseconds. Static files and /healthz are logged too: it is the access log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            user_id = _user_id(request)
            method = neutral(request.method or "", 16)
            path = neutral(request.path)
            request_logger.info(
                "%s %s %s %sms",
                method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "request_id": request_id,
                    "user_id": user_id,
                    "method": method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
