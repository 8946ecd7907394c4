"""Background work of the needs app: thin tasks, ids in, a service called.

`enqueue_scenario_run` is the one place that decides where a run happens: inline (tests,
scripts: `IMAR_SCENARIO_RUNS_INLINE`) or in a thread of the server process (the demo, one
office). A job queue (Django's Tasks API) replaces that function without touching the task.
"""

from django.conf import settings

from imar.needs import runs
from imar.needs.scenarios import scenario_run


def scenario_run_task(*, scenario_id: int) -> None:
    """Score, allocate and store one scenario's result (`scenarios.scenario_run`)."""
    scenario_run(scenario_id=scenario_id)


def enqueue_scenario_run(scenario_id: int) -> None:
    if settings.IMAR_SCENARIO_RUNS_INLINE:
        scenario_run_task(scenario_id=scenario_id)
        return
    runs.run_in_thread(scenario_run_task, scenario_id)
