"""Setting up an event: meeting days, their slots, rooms and tables."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.forum.models import Event, MeetingDay, Room, Showcase, Slot, Table


@transaction.atomic
def slots_generate(
    *,
    by,
    event: Event,
    day: date,
    start: time,
    slot_minutes: int,
    count: int,
    breaks: Sequence[tuple[int, int]] = (),
) -> list[Slot]:
    """Create ``count`` slots of ``slot_minutes`` from ``start`` on ``day``.

    ``breaks`` are (after slot number, minutes): e.g. (4, 30) is a coffee break after the
    fourth slot. Times are in the site's time zone.
    """
    if not event.starts_on <= day <= event.ends_on:
        raise ValidationError({"day": _("The meeting day must fall within the event's dates.")})
    if slot_minutes < 5 or count < 1:
        raise ValidationError({"slot_minutes": _("Give at least one slot of 5 minutes or more.")})
    meeting_day, _created = MeetingDay.objects.get_or_create(event=event, date=day)
    pause = dict(breaks)
    at = timezone.make_aware(datetime.combine(day, start))
    slots = []
    for n in range(1, count + 1):
        end = at + timedelta(minutes=slot_minutes)
        if Slot.objects.filter(event=event, starts_at__lt=end, ends_at__gt=at).exists():
            raise ValidationError(
                {"start": _("These slots overlap slots that already exist on this day.")}
            )
        local = timezone.localtime(at)
        slots.append(
            Slot.objects.create(
                event=event,
                day=meeting_day,
                starts_at=at,
                ends_at=end,
                label=f"{local:%d/%m %H:%M}",
            )
        )
        at = end + timedelta(minutes=pause.get(n, 0))
    record_event(
        action="forum.slots_generate",
        instance=event,
        actor=by,
        changes={"slots": [None, f"{day} {start} {count}×{slot_minutes} min"]},
    )
    return slots


@transaction.atomic
def tables_create(*, by, event: Event, room: Room, count: int) -> list[Table]:
    """Add ``count`` tables to ``room``, numbered after the event's last table."""
    last = Table.objects.filter(event=event).order_by("-number").first()
    first = (last.number if last else 0) + 1
    tables = Table.objects.bulk_create(
        Table(event=event, room=room, number=first + k) for k in range(count)
    )
    record_event(
        action="forum.tables_create", instance=event, actor=by, changes={"tables": [None, count]}
    )
    return tables


@transaction.atomic
def showcase_add(
    *, by, event: Event, project, funding_needs: str = "", partner_needs: str = "", owner=None
) -> Showcase:
    if Showcase.objects.filter(event=event, project=project).exists():
        raise ValidationError({"project": _("This project is already on show.")})
    showcase = Showcase.objects.create(
        event=event,
        project=project,
        funding_needs=funding_needs.strip(),
        partner_needs=partner_needs.strip(),
        owner=owner,
    )
    record_event(action="forum.showcase_add", instance=showcase, actor=by)
    return showcase


@transaction.atomic
def showcase_remove(*, by, showcase: Showcase) -> None:
    record_event(action="forum.showcase_remove", instance=showcase, actor=by)
    showcase.delete()
