"""Creating and editing an event and its agenda of talks and panels."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from imar.accounts.audit import diff_fields, record_event, snapshot
from imar.core.versioning import adopt, lock_current
from imar.forum.models import Event, Room, Session, Slot

EVENT_FIELDS = [
    "name_ar", "name_en", "city_ar", "city_en", "venue_ar", "venue_en", "starts_on", "ends_on",
    "registration_open", "description_ar", "description_en",
]  # fmt: skip
SESSION_FIELDS = [
    "title_ar", "title_en", "starts_at", "ends_at", "room", "speakers", "speakers_en",
]  # fmt: skip
# Path words that follow /forum/ and so cannot be an event's short name.
RESERVED_SLUGS = {"organize", "login"}


def _clean_text(values: dict, fields: list[str]) -> dict:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if k in fields}


def _check_event_dates(event: Event) -> None:
    if event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
    if event.pk is None:
        return
    outside = (
        Session.objects.filter(event=event).exclude(
            starts_at__date__gte=event.starts_on, ends_at__date__lte=event.ends_on
        ),
        Slot.objects.filter(event=event).exclude(
            starts_at__date__gte=event.starts_on, ends_at__date__lte=event.ends_on
        ),
    )
    if any(qs.exists() for qs in outside):
        raise ValidationError(
            {
                "starts_on": _(
                    "Agenda sessions or meeting slots fall outside these dates; move them first."
                )
            }
        )


def _unique_slug(wanted: str, *, name_en: str, starts_on: date) -> str:
    if wanted:
        slug = slugify(wanted)
        if not slug or slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Choose another short name.")})
        if Event.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("Another event already uses this short name.")})
        return slug
    base = slugify(f"{name_en} {starts_on.year}")[:70] or f"forum-{starts_on.year}"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def event_create(*, by, slug: str = "", **values) -> Event:
    """Create an event; an empty ``slug`` is made from the English name and the year."""
    event = Event(**_clean_text(values, EVENT_FIELDS))
    _check_event_dates(event)
    event.slug = _unique_slug(slug.strip(), name_en=event.name_en, starts_on=event.starts_on)
    event.save()
    record_event(
        action="forum.event_create",
        instance=event,
        actor=by,
        changes=diff_fields({}, snapshot(event, ["slug", *EVENT_FIELDS])),
    )
    return event


@transaction.atomic
def event_update(*, by, event: Event, expected_version: int | None = None, **values) -> Event:
    """Change an event's details; its short name stays, since links already carry it.
    With `expected_version`, an event saved elsewhere since is refused (`StaleVersion`)."""
    current = lock_current(event, expected_version=expected_version)
    before = snapshot(current, EVENT_FIELDS)
    for name, value in _clean_text(values, EVENT_FIELDS).items():
        setattr(current, name, value)
    _check_event_dates(current)
    changes = diff_fields(before, snapshot(current, EVENT_FIELDS))
    if changes:
        current.save()
        record_event(action="forum.event_update", instance=current, actor=by, changes=changes)
    return adopt(event, current)


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _check_session(session: Session) -> None:
    event = session.event
    if session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    if not (
        event.starts_on <= _local_date(session.starts_at)
        and _local_date(session.ends_at) <= event.ends_on
    ):
        raise ValidationError(
            {
                "starts_at": _(
                    "The session must fall within the event's dates (%(first)s – %(last)s)."
                )
                % {
                    "first": formats.date_format(event.starts_on),
                    "last": formats.date_format(event.ends_on),
                }
            }
        )
    if session.room is None:
        return
    if session.room.event_id != event.pk:
        raise ValidationError({"room": _("Choose a room of this event.")})
    clash = (
        Session.objects.filter(
            event=event,
            room=session.room,
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "room": _("This room already holds “%(title)s” from %(start)s to %(end)s.")
                % {
                    "title": clash.title,
                    "start": f"{timezone.localtime(clash.starts_at):%H:%M}",
                    "end": f"{timezone.localtime(clash.ends_at):%H:%M}",
                }
            }
        )


@transaction.atomic
def session_create(
    *,
    by,
    event: Event,
    title_ar: str,
    title_en: str,
    starts_at: datetime,
    ends_at: datetime,
    room: Room | None = None,
    speakers: str = "",
    speakers_en: str = "",
) -> Session:
    session = Session(
        event=event,
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        speakers=speakers.strip(),
        speakers_en=speakers_en.strip(),
    )
    _check_session(session)
    session.save()
    record_event(
        action="forum.session_create",
        instance=session,
        actor=by,
        changes=diff_fields({}, snapshot(session, SESSION_FIELDS)),
    )
    return session


@transaction.atomic
def session_update(
    *, by, session: Session, expected_version: int | None = None, **values
) -> Session:
    current = lock_current(session, expected_version=expected_version)
    before = snapshot(current, SESSION_FIELDS)
    for name, value in _clean_text(values, SESSION_FIELDS).items():
        setattr(current, name, value)
    _check_session(current)
    changes = diff_fields(before, snapshot(current, SESSION_FIELDS))
    if changes:
        current.save()
        record_event(action="forum.session_update", instance=current, actor=by, changes=changes)
    return adopt(session, current)


@transaction.atomic
def session_delete(*, by, session: Session) -> None:
    record_event(
        action="forum.session_delete",
        instance=session,
        actor=by,
        changes=diff_fields(snapshot(session, SESSION_FIELDS), dict.fromkeys(SESSION_FIELDS)),
    )
    session.delete()
