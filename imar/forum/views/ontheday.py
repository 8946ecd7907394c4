"""Organizer pages on the day and after: check-in desk, live board, attendance, leads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.core.search import filter_by_search
from imar.forum.enums import MeetingStatus, ParticipantStatus
from imar.forum.models import Lead, Meeting, Participant, Slot
from imar.forum.services import attendance, leads, registration
from imar.forum.views.access import organizer_required


def _back(request, default: str) -> str:
    """Where to return after a form on the desk or the board: only a page of this site."""
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return default


@organizer_required
def checkin_desk(request, event):
    query = request.GET.get("q", "").strip()
    found = []
    if query:
        people = Participant.objects.filter(event=event, status=ParticipantStatus.APPROVED)
        exact = people.filter(checkin_code=query.upper())
        found = list(
            (exact if exact.exists() else filter_by_search(people, query)).select_related(
                "organization"
            )[:20]
        )
    template = (
        "forum/organize/_checkin_results.html" if request.htmx else "forum/organize/checkin.html"
    )
    checked_in = Participant.objects.filter(event=event, checked_in_at__isnull=False).count()
    return render(
        request,
        template,
        {"event": event, "query": query, "found": found, "checked_in": checked_in},
    )


@require_POST
@organizer_required
def check_in(request, event, pk: int):
    participant = get_object_or_404(Participant, pk=pk, event=event)
    try:
        registration.participant_check_in(by=request.user, participant=participant)
        messages.success(
            request, _("%(name)s is checked in.") % {"name": participant.delegate_name}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_back(request, reverse("forum:organize_checkin", args=[event.slug])))


def _current_slot(event, now):
    slots = Slot.objects.filter(event=event).order_by("starts_at")
    return slots.filter(ends_at__gt=now).first() or slots.last()


@organizer_required
def live_board(request, event):
    now = timezone.now()
    slot_id = request.GET.get("slot")
    slot = (
        get_object_or_404(Slot, pk=slot_id, event=event) if slot_id else _current_slot(event, now)
    )
    meetings = (
        Meeting.objects.filter(slot=slot)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "table",
            "request__from_participant__organization",
            "request__to_participant__organization",
        )
        if slot
        else Meeting.objects.none()
    )
    context = {
        "event": event,
        "slot": slot,
        "slots": Slot.objects.filter(event=event),
        "meetings": meetings,
        "now": now,
        "checked_in": Participant.objects.filter(event=event, checked_in_at__isnull=False).count(),
    }
    template = "forum/organize/_live_rows.html" if request.htmx else "forum/organize/live.html"
    return render(request, template, context)


@require_POST
@organizer_required
def meeting_mark(request, event, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk, event=event)
    try:
        attendance.meeting_mark(by=request.user, meeting=meeting, status=request.POST.get("status"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_back(request, reverse("forum:organize_live", args=[event.slug])))


@organizer_required
def lead_list(request, event):
    items = (
        Lead.objects.filter(meeting__event=event)
        .select_related(
            "recorded_by__organization",
            "showcase__project",
            "meeting__request__from_participant__organization",
            "meeting__request__to_participant__organization",
            "engagement",
            "agreement",
        )
        .order_by("-created_at")
    )
    return render(request, "forum/organize/leads.html", {"event": event, "leads": items})


@require_POST
@organizer_required
def lead_convert(request, event, pk: int, to: str):
    lead = get_object_or_404(Lead, pk=pk, meeting__event=event)
    try:
        if to == "agreement":
            agreement = leads.lead_to_agreement(by=request.user, lead=lead)
            messages.success(
                request, _("Draft agreement created: %(title)s") % {"title": agreement}
            )
        else:
            engagement = leads.lead_to_engagement(by=request.user, lead=lead)
            messages.success(request, _("Engagement recorded: %(title)s") % {"title": engagement})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:organize_leads", slug=event.slug)
