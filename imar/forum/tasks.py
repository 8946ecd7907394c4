"""Background work of the forum: thin tasks, ids in, a service called.

Scheduling an event's accepted requests can take its whole time limit; the API runs it
through this task (inline today, a job queue's worker later), so moving it off the request
changes no caller.
"""

from django.contrib.auth import get_user_model

from imar.forum.models import Event
from imar.forum.services.schedule import schedule_run


def event_schedule_task(*, event_id: int, by_id: int, time_limit: float = 10.0) -> int:
    """Schedule the event's accepted requests (`schedule_run`); returns the ScheduleRun id."""
    event = Event.objects.get(pk=event_id)
    by = get_user_model().objects.get(pk=by_id)
    return schedule_run(by=by, event=event, time_limit=time_limit).pk
