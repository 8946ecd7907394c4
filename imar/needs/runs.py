"""Who is running a scenario, whether they still are, and failing the runs nobody runs.

A run gets an id when it is started. The worker that takes it (`imar worker`, running the
run's background job; see imar/needs/tasks.py) writes its identity, ``host:pid:thread``, and then a
heartbeat every few seconds; every result it stores names the run id, so a worker that
comes back from the dead cannot overwrite a newer run.

`fail_stuck_runs()` is the one place that decides a run is dead: its worker's thread or
process is gone (same host: checked at once), or it has not reported for
`stale_after()` (any host), or it was never picked up. Such a run is marked failed with a
reason people can read (`failure_message`), and can be run again.
"""

import logging
import os
import socket
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.geo.models import District
from imar.needs.enums import ScenarioStatus
from imar.needs.models import Scenario

log = logging.getLogger(__name__)
HEARTBEAT_EVERY = 5.0  # seconds
WORKER_GONE, WORKER_SILENT, INTERNAL_ERROR = "worker_gone", "worker_silent", "internal_error"


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def stale_after() -> timedelta:
    """How long a worker may stay silent. The solver may hold Python's lock for its whole
    time limit, so the limit is at least three times that."""
    seconds = max(settings.IMAR_SCENARIO_STALE_AFTER, 3 * settings.IMAR_SCENARIO_TIME_LIMIT)
    return timedelta(seconds=seconds)


def store(scenario_id: int, run_id, **fields) -> bool:
    """Write what the run found, if it is still the scenario's current run."""
    updated = Scenario.objects.filter(
        pk=scenario_id, run_id=run_id, status=ScenarioStatus.RUNNING
    ).update(**fields, row_version=F("row_version") + 1)
    return bool(updated)


def claim(scenario_id: int, run_id) -> bool:
    """This worker takes the run; False when it is no longer the scenario's current run."""
    return store(scenario_id, run_id, run_owner=worker_identity(), heartbeat_at=timezone.now())


@contextmanager
def heartbeat(scenario_id: int, run_id, every: float = HEARTBEAT_EVERY):
    """While the block runs, a thread says every `every` seconds that the worker is alive."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                Scenario.objects.filter(
                    pk=scenario_id, run_id=run_id, status=ScenarioStatus.RUNNING
                ).update(heartbeat_at=timezone.now())
        except DatabaseError:  # the next beat, or the detection, will tell
            log.warning("scenario %s: heartbeat failed", scenario_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"scenario-{scenario_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


# ---- detection ----------------------------------------------------------------------------


def _alive(owner: str) -> bool | None:
    """Whether the worker `host:pid:thread` still exists; None when it cannot be told from
    here (another host)."""
    try:
        host, pid, thread = owner.rsplit(":", 2)
        pid, thread = int(pid), int(thread)
    except ValueError:
        return None
    if host != socket.gethostname():
        return None
    if pid == os.getpid():
        return thread in {t.ident for t in threading.enumerate()}
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, run by another user
        return True
    return True


def why_stuck(scenario: Scenario, now) -> str | None:
    """The reason code when the running scenario's worker is gone, else None."""
    if scenario.status != ScenarioStatus.RUNNING:
        return None
    if scenario.run_owner and _alive(scenario.run_owner) is False:
        return WORKER_GONE
    last_sign = scenario.heartbeat_at or scenario.started_at
    if last_sign is None or now - last_sign > stale_after():
        return WORKER_SILENT
    return None


def fail_stuck_runs(queryset=None) -> list[int]:
    """Mark failed every running scenario (of `queryset`) whose worker is gone; their ids."""
    now = timezone.now()
    queryset = Scenario.objects.all() if queryset is None else queryset
    running = queryset.filter(status=ScenarioStatus.RUNNING).only(
        "pk", "status", "run_id", "run_owner", "heartbeat_at", "started_at"
    )
    failed = []
    for scenario in running:
        reason = why_stuck(scenario, now)
        if reason is None:
            continue
        try:
            with transaction.atomic():
                last = scenario.heartbeat_at or scenario.started_at
                if store(
                    scenario.pk,
                    scenario.run_id,
                    status=ScenarioStatus.FAILED,
                    error=f"run stopped: {reason} ({scenario.run_owner or 'never started'})",
                    result={
                        "error_code": reason,
                        "params": {
                            "owner": scenario.run_owner,
                            "last_sign": last.isoformat() if last else None,
                        },
                    },
                    finished_at=now,
                ):
                    record_event(
                        action="run_lost",
                        instance=scenario,
                        changes={"status": [ScenarioStatus.RUNNING, ScenarioStatus.FAILED]},
                        reason=f"{reason}: {scenario.run_owner or 'never started'}",
                    )
                    failed.append(scenario.pk)
        except DatabaseError:  # busy right now: the next page view tries again
            log.warning("scenario %s: could not mark the lost run", scenario.pk, exc_info=True)
    if failed:
        log.warning("scenario runs lost with their workers: %s", failed)
    return failed


def failure_message(scenario: Scenario) -> str:
    """Why a failed run failed, in the active language where Imar itself stopped it."""
    result = scenario.result or {}
    params = result.get("params") or {}
    code = result.get("error_code")
    if code == WORKER_GONE:
        return _(
            "The run stopped: the process running it has ended (for example, the server was "
            "restarted). Run the scenario again."
        )
    if code == WORKER_SILENT:
        last = params.get("last_sign")
        when = (
            formats.date_format(timezone.localtime(datetime.fromisoformat(last)), "Y-m-d H:i")
            if last
            else "—"
        )
        return _(
            "The run stopped: its worker has given no sign of life since %(when)s. Run the "
            "scenario again."
        ) % {"when": when}
    if code == "population_floor_above_ceiling":
        district = District.objects.filter(iso_code=params.get("district")).first()
        return _(
            "The per-capita floors (%(share)s%% of the budget split by population) give "
            "%(district)s more than its maximum share. Lower the per-capita share or raise "
            "that district's maximum."
        ) % {
            "share": f"{round(float(params.get('share', 0)) * 100, 2):g}",
            "district": district.name if district else params.get("district", ""),
        }
    if code == INTERNAL_ERROR:
        return _(
            "The run stopped on an unexpected error, which has been logged. Run the scenario "
            "again; if it happens again, tell an administrator."
        )
    return scenario.error
