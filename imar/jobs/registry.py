"""The kinds of job Imar knows, and the reasons a job can fail, each worded for people.

An app declares a kind in its own `tasks.py`:

    @job_kind("monitoring.figures_refresh", label=_("Refresh the monitoring figures"))
    def figures_refresh_job(progress, *, as_of=None): ...

The function takes a `progress` reporter first, then the job's arguments (JSON values:
ids, dates as ISO text), and returns a JSON-able result. It raises `JobFailed(code, params)`
for a failure people should read (no retry), anything else for an error worth retrying.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from imar.core.text import isolated


@dataclass(frozen=True)
class JobKind:
    name: str
    func: Callable
    label: str
    max_attempts: int
    # Where a finished job's page is: a callable taking the job, returning a URL or "".
    result_url: Callable | None = None


_KINDS: dict[str, JobKind] = {}
_REASONS: dict[str, str] = {}
_discovered = False


class JobFailed(Exception):
    """A failure with a reason people can read: `code` is registered with `reason()`."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code, self.params = code, params or {}


def job_kind(name: str, *, label, max_attempts: int = 3, result_url=None):
    def register(func):
        _KINDS[name] = JobKind(name, func, label, max_attempts, result_url)
        func.job_kind = name
        return func

    return register


def reason(code: str, message) -> None:
    """Word a failure code; `message` is a lazy translation with %(name)s parameters."""
    _REASONS[code] = message


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("tasks")


def get(name: str) -> JobKind | None:
    if name not in _KINDS:
        _discover()
    return _KINDS.get(name)


def kinds() -> dict[str, JobKind]:
    _discover()
    return dict(_KINDS)


def _readable(value):
    """ISO times as the reader's local "Y-m-d H:i", numbers and codes isolated for RTL."""
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and "T" in value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return isolated(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return isolated(formats.date_format(moment, "Y-m-d H:i"))
    return isolated(value) if value is not None else "—"


def failure_text(code: str, params: dict) -> str:
    """Why the job failed, in the active language."""
    if code not in _REASONS:
        _discover()
    message = _REASONS.get(code)
    if message is None:
        return _("The job failed (%(code)s).") % {"code": isolated(code)}
    try:
        return str(message) % {k: _readable(v) for k, v in (params or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(message)


WORKER_LOST = "worker_lost"
INTERNAL_ERROR = "internal_error"
QUEUE_UNAVAILABLE = "queue_unavailable"
UNKNOWN_KIND = "unknown_kind"
reason(
    WORKER_LOST,
    _(
        "The worker running this job stopped giving signs of life (last at %(last)s); the "
        "job was stopped. Start it again."
    ),
)
reason(
    INTERNAL_ERROR,
    _(
        "The job stopped on an unexpected error after %(attempts)s attempts; it has been "
        "logged. Start it again; if it happens again, tell an administrator."
    ),
)
reason(
    QUEUE_UNAVAILABLE,
    _("The job could not be handed to the job queue (%(error)s). Try again in a moment."),
)
reason(UNKNOWN_KIND, _("This server does not know jobs of the kind %(kind)s."))
