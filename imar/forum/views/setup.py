"""Organizer page to set up an event's meeting slots and tables."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from imar.forum.forms import SlotsForm, TablesForm
from imar.forum.models import MeetingDay, Room, Slot, Table
from imar.forum.services import events
from imar.forum.views.access import form_errors, organizer_required


@organizer_required
def setup(request, event):
    slots_form = SlotsForm(request.POST if "slots" in request.POST else None, prefix="slots")
    tables_form = TablesForm(request.POST if "tables" in request.POST else None, prefix="tables")
    if slots_form.is_bound and slots_form.is_valid():
        data = slots_form.cleaned_data
        breaks = [(data["break_after"], data["break_minutes"] or 0)] if data["break_after"] else []
        try:
            created = events.slots_generate(
                by=request.user, event=event, day=data["day"], start=data["start"],
                slot_minutes=data["slot_minutes"], count=data["count"], breaks=breaks,
            )  # fmt: skip
            messages.success(request, _("%(n)s slots added.") % {"n": len(created)})
            return redirect("forum:organize_setup", slug=event.slug)
        except ValidationError as error:
            form_errors(slots_form, error)
    if tables_form.is_bound and tables_form.is_valid():
        data = tables_form.cleaned_data
        room, _created = Room.objects.get_or_create(
            event=event, name_en=data["room_en"], defaults={"name_ar": data["room_ar"]}
        )
        created = events.tables_create(by=request.user, event=event, room=room, count=data["count"])
        if created:
            messages.success(request, _("%(n)s tables added.") % {"n": len(created)})
        else:
            messages.success(request, _("The room is ready for the agenda."))
        return redirect("forum:organize_setup", slug=event.slug)
    if "capacity" in request.POST:
        return _capacity(request, event)
    days = MeetingDay.objects.filter(event=event).prefetch_related("slots")
    rooms = Room.objects.filter(event=event).annotate(table_count=Count("tables"))
    return render(
        request,
        "forum/organize/setup.html",
        {
            "event": event,
            "days": days,
            "rooms": rooms,
            "slots_form": slots_form,
            "tables_form": tables_form,
            "slots": [
                (s, ", ".join(f"{k}:{v}" for k, v in sorted((s.interpreters or {}).items())))
                for s in Slot.objects.filter(event=event)
            ],
            "table_count": Table.objects.filter(event=event).count(),
        },
    )


def _capacity(request, event):
    """Tables open and interpreters per slot, and the buyer-side weight (one form)."""
    capacity: dict[int, tuple[int | None, str]] = {}
    problems = []
    for slot in Slot.objects.filter(event=event):
        raw = request.POST.get(f"tables-{slot.pk}", "").strip()
        if raw and not raw.isdigit():
            problems.append(
                _("Slot %(slot)s: the number of tables must be a whole number.")
                % {"slot": f"{slot.starts_at:%Y-%m-%d %H:%M}"}
            )
            continue
        capacity[slot.pk] = (int(raw) if raw else None, request.POST.get(f"interp-{slot.pk}", ""))
    try:
        buyer_weight = float(request.POST.get("buyer_weight") or event.buyer_weight)
    except ValueError:
        problems.append(_("The buyer-side weight must be a number."))
        buyer_weight = None
    if problems:
        messages.error(request, " ".join(problems))
        return redirect("forum:organize_setup", slug=event.slug)
    try:
        n = events.slot_capacity_set(
            by=request.user, event=event, capacity=capacity, buyer_weight=buyer_weight
        )
        messages.success(request, _("Scheduling options saved (%(n)s slots changed).") % {"n": n})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:organize_setup", slug=event.slug)
