"""Background work of the forum: thin tasks, ids in, a service called.

- `forum.schedule_run`: the organizer's schedule page queues a scheduling (or rebooking)
  run; the page shows its bar, then the run's figures. The API's `POST …/schedule/` still
  runs it inline through `event_schedule_task` (its answer is the run).
- `forum.login_link_mail`: a delegate's sign-in link minted and e-mailed by the worker;
  a mail server that refuses is tried again, up to the kind's limit.
- `forum.agenda_pdf`: a delegate's agenda PDF written to a file, served while the agenda
  has not changed (`imar.forum.agenda_files`).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from imar.forum.models import Event, Participant, Slot
from imar.forum.services.schedule import rebook_run, schedule_run
from imar.jobs import services as jobs
from imar.jobs.registry import JobFailed, job_kind, reason

SCHEDULE_RUN = "forum.schedule_run"
LOGIN_LINK_MAIL = "forum.login_link_mail"
AGENDA_PDF = "forum.agenda_pdf"
SCHEDULE_REFUSED = "forum.schedule_refused"
LINK_REFUSED = "forum.login_link_refused"
reason(SCHEDULE_REFUSED, _("The schedule was not changed: %(problem)s"))
reason(LINK_REFUSED, _("No sign-in link was sent: %(problem)s"))


def event_schedule_task(*, event_id: int, by_id: int, time_limit: float = 10.0) -> int:
    """Schedule the event's accepted requests (`schedule_run`); returns the ScheduleRun id."""
    event = Event.objects.get(pk=event_id)
    by = get_user_model().objects.get(pk=by_id)
    return schedule_run(by=by, event=event, time_limit=time_limit).pk


def _schedule_page(job) -> str:
    from django.urls import reverse

    event = Event.objects.filter(pk=job.arguments["event_id"]).first()
    return reverse("forum:organize_schedule", args=[event.slug]) if event else ""


# One attempt: a run that stopped half-way is visible to the organizer, who runs it again.
@job_kind(
    SCHEDULE_RUN, label=_("Meeting scheduling run"), max_attempts=1, result_url=_schedule_page
)
def schedule_run_job(
    progress,
    *,
    event_id: int,
    by_id: int,
    rebook_from: int | None = None,
    allow_moves: bool = False,
    language: str = "ar",
) -> dict:
    event = Event.objects.get(pk=event_id)
    by = get_user_model().objects.get(pk=by_id)
    progress(0, 2, _("Placing the accepted requests in slots and at tables"))
    with translation.override(language):
        try:
            if rebook_from is not None:
                from_slot = Slot.objects.get(pk=rebook_from, event=event)
                run = rebook_run(by=by, event=event, from_slot=from_slot, allow_moves=allow_moves)
            else:
                run = schedule_run(by=by, event=event)
        except ValidationError as error:
            raise JobFailed(SCHEDULE_REFUSED, {"problem": " ".join(error.messages)}) from None
    progress(2, 2)
    return {"run_id": run.pk, "meetings": run.meetings, "moved": run.moved}


def enqueue_schedule_run(event, *, by, language: str, rebook_from=None, allow_moves=False):
    arguments = {"event_id": event.pk, "by_id": by.pk, "language": language}
    if rebook_from is not None:
        arguments |= {"rebook_from": rebook_from.pk, "allow_moves": bool(allow_moves)}
    return jobs.enqueue(SCHEDULE_RUN, arguments=arguments, by=by)


# ---- e-mail --------------------------------------------------------------------------------


# The link is minted inside the job, so its secret is never stored with the job's arguments;
# a mail server that refuses rolls the new link back and the worker tries again (5 at most).
@job_kind(LOGIN_LINK_MAIL, label=_("Sign-in link e-mail"), max_attempts=5)
def login_link_mail_job(
    progress, *, participant_id: int, by_id: int, base_url: str = "", language: str = "ar"
) -> dict:
    from imar.forum.services.login_links import login_link_send

    participant = Participant.objects.select_related("event", "user").get(pk=participant_id)
    by = get_user_model().objects.get(pk=by_id)
    progress(0, 1, _("Sending the e-mail"))
    try:
        with translation.override(language):  # the refusal's words; the mail is bilingual
            link = login_link_send(by=by, participant=participant, base_url=base_url)
    except ValidationError as error:
        raise JobFailed(LINK_REFUSED, {"problem": " ".join(error.messages)}) from None
    progress(1, 1)
    return {"participant_id": participant.pk, "expires_at": link.expires_at.isoformat()}


def enqueue_login_link_mail(participant, *, by, base_url: str = "", language: str = "ar"):
    arguments = {
        "participant_id": participant.pk,
        "by_id": by.pk,
        "base_url": base_url,
        "language": language,
    }
    return jobs.enqueue(LOGIN_LINK_MAIL, arguments=arguments, by=by)


# ---- the agenda PDF ------------------------------------------------------------------------


@job_kind(AGENDA_PDF, label=_("Agenda PDF"), max_attempts=2)
def agenda_pdf_job(progress, *, participant_id: int, language: str, fingerprint: str) -> dict:
    """Draw the delegate's agenda into its file (kept while the agenda does not change)."""
    from imar.forum import agenda_files

    participant = Participant.objects.select_related("event", "organization").get(pk=participant_id)
    progress(0, 1, _("Drawing the agenda"))
    with translation.override(language):
        # the agenda may have changed since the page asked: the file is named for what it shows
        digest = agenda_files.fingerprint(participant)
        path = agenda_files.write(participant, digest)
    progress(1, 1)
    return {"file": path.name, "fingerprint": digest, "asked": fingerprint}


def enqueue_agenda_pdf(participant, *, by, language: str, fingerprint: str):
    return jobs.enqueue(
        AGENDA_PDF,
        arguments={
            "participant_id": participant.pk,
            "language": language,
            "fingerprint": fingerprint,
        },
        by=by,
    )
