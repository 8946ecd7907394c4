"""Setting up an event: meeting days, their slots, rooms and tables."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.accounts.audit import record_event
from imar.core.money import Currency
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
    *,
    by,
    event: Event,
    project,
    funding_needs: str = "",
    partner_needs: str = "",
    owner=None,
    funding_amount: str | Decimal | None = None,
    funding_currency: str = Currency.USD,
) -> Showcase:
    """Put a project on show; ``funding_amount`` in ``funding_currency``: what it seeks."""
    if Showcase.objects.filter(event=event, project=project).exists():
        raise ValidationError({"project": _("This project is already on show.")})
    if funding_currency not in Currency.values:
        raise ValidationError({"funding_currency": _("Choose a currency from the list.")})
    amount = None
    if funding_amount not in (None, ""):
        try:
            amount = Decimal(str(funding_amount).replace(",", "").strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount <= 0:
            raise ValidationError(
                {"funding_amount": _("The funding sought must be an amount above zero.")}
            )
    showcase = Showcase.objects.create(
        event=event,
        project=project,
        funding_amount=amount,
        funding_currency=funding_currency,
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


def parse_interpreters(text: str) -> dict[str, int]:
    """ "it:2, zh:1" -> {"it": 2, "zh": 1}; raises ValueError on anything else."""
    out: dict[str, int] = {}
    for part in text.replace("،", ",").split(","):
        part = part.strip()
        if not part:
            continue
        code, sep, count = part.partition(":")
        code, count = code.strip().lower(), count.strip()
        if not sep or not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
            raise ValueError(part)
        if not count.isdigit():
            raise ValueError(part)
        out[code] = int(count)
    return out


@transaction.atomic
def slot_capacity_set(
    *,
    by,
    event: Event,
    capacity: dict[int, tuple[int | None, str]],
    buyer_weight: float | None = None,
) -> int:
    """Tables open and interpreters per slot (``{slot id: (tables or None, "it:2, zh:1")}``)
    and the event's buyer-side weight, all or nothing; returns the number of slots changed."""
    slots = {s.pk: s for s in Slot.objects.filter(event=event)}
    errors: dict[str, list[str]] = {}
    changed: list[Slot] = []
    before: dict[str, list] = {}
    for pk, (tables, interpreters) in capacity.items():
        slot = slots.get(pk)
        if slot is None:
            continue
        where = f"{slot.starts_at:%Y-%m-%d %H:%M}"
        if tables is not None and tables < 0:
            errors.setdefault("tables", []).append(
                _("Slot %(slot)s: the number of tables cannot be negative.") % {"slot": where}
            )
            continue
        try:
            parsed = parse_interpreters(interpreters)
        except ValueError as error:
            errors.setdefault("interpreters", []).append(
                _('Slot %(slot)s: "%(text)s" is not a language code and a number, like it:2.')
                % {"slot": where, "text": str(error)[:40]}
            )
            continue
        if (slot.tables_open, slot.interpreters) != (tables, parsed):
            before[str(pk)] = [[slot.tables_open, slot.interpreters], [tables, parsed]]
            slot.tables_open, slot.interpreters = tables, parsed
            changed.append(slot)
    if buyer_weight is not None and not 0 <= buyer_weight <= 10:
        errors.setdefault("buyer_weight", []).append(
            _("The buyer-side weight must be between 0 and 10.")
        )
    if errors:
        raise ValidationError(errors)
    Slot.objects.bulk_update(changed, ["tables_open", "interpreters"])
    changes: dict[str, list] = {"slots": [None, before]}
    if buyer_weight is not None and buyer_weight != event.buyer_weight:
        changes["buyer_weight"] = [event.buyer_weight, buyer_weight]
        event.buyer_weight = buyer_weight
        event.save(update_fields=["buyer_weight"])
    record_event(action="forum.slot_capacity", instance=event, actor=by, changes=changes)
    return len(changed)
