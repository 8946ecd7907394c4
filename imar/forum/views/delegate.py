"""The delegate's own space: profile, recommendations, requests in and out, agenda, leads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.core.versioning import StaleVersion
from imar.forum import agenda_files
from imar.forum.agenda import agenda_ics
from imar.forum.enums import ParticipantStatus, RequestStatus
from imar.forum.forms import LeadForm, ProfileForm, RequestForm
from imar.forum.models import Meeting, MeetingRequest, Participant, ScheduleRun, Showcase, Slot
from imar.forum.recommendations import recommendations_for
from imar.forum.selectors import meetings_of, other_side
from imar.forum.services import attendance, meeting_requests, registration
from imar.forum.tasks import enqueue_agenda_pdf
from imar.forum.unscheduled import reasons_for
from imar.forum.views.access import delegate_required, form_errors


def _first_error(error: ValidationError) -> str:
    return " ".join(error.messages)


@delegate_required
def my_space(request, me):
    people, projects = recommendations_for(me)
    sent = me.requests_sent.select_related("to_participant__organization")
    received = me.requests_received.select_related("from_participant__organization")
    meetings = [(m, other_side(m, me)) for m in meetings_of(me)]
    leads = {lead.meeting_id: lead for lead in me.leads.all()}
    showcase = Showcase.objects.filter(event=me.event).select_related("project")
    # An accepted request the last run left out: both delegates see why.
    sent, received = list(sent), list(received)
    run = ScheduleRun.objects.filter(event=me.event).first()
    accepted = [r for r in sent + received if r.status == RequestStatus.ACCEPTED]
    names = {str(me.pk): me.delegate_name}
    for r in accepted:  # the other side is loaded with the row (the reason names only the pair)
        other = r.to_participant if r.from_participant_id == me.pk else r.from_participant
        names[str(other.pk)] = other.delegate_name
    why = reasons_for(run, [r.pk for r in accepted], names)
    for r in sent + received:
        r.not_scheduled_reason = why.get(r.pk, "")
    return render(
        request,
        "forum/my_space.html",
        {
            "event": me.event,
            "me": me,
            "people": people,
            "projects": projects,
            "sent": sent,
            "received": received,
            "meetings": meetings,
            "leads": leads,
            "request_form": RequestForm(),
            "lead_form": LeadForm(showcase_choices=[(s.pk, s.project.title) for s in showcase]),
        },
    )


@require_POST
@delegate_required
def request_send(request, me, participant_id: int):
    receiver = get_object_or_404(
        Participant, pk=participant_id, event=me.event, status=ParticipantStatus.APPROVED
    )
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a priority for the request."))
    else:
        try:
            meeting_requests.request_send(
                by=request.user,
                sender=me,
                receiver=receiver,
                message=form.cleaned_data["message"],
                priority=form.cleaned_data["priority"],
                to_organization=form.cleaned_data["to_organization"],
            )
            messages.success(
                request, _("Request sent to %(name)s.") % {"name": receiver.delegate_name}
            )
        except ValidationError as error:
            messages.error(request, _first_error(error))
    return redirect("forum:my_space", slug=me.event.slug)


@require_POST
@delegate_required
def request_respond(request, me, pk: int, action: str):
    mine = (
        Q(to_participant=me)
        if action in ("accept", "decline")
        else (Q(to_participant=me) | Q(from_participant=me))
    )
    meeting_request = get_object_or_404(MeetingRequest.objects.filter(mine), pk=pk)
    service = {
        "accept": meeting_requests.request_accept,
        "decline": meeting_requests.request_decline,
        "cancel": meeting_requests.request_cancel,
    }[action]
    try:
        if action == "accept":
            service(
                by=request.user,
                request=meeting_request,
                priority=request.POST.get("recipient_priority", ""),
            )
        else:
            service(by=request.user, request=meeting_request)
    except ValidationError as error:
        messages.error(request, _first_error(error))
    return redirect("forum:my_space", slug=me.event.slug)


@require_POST
@delegate_required
def lead_record(request, me, meeting_id: int):
    meeting = get_object_or_404(
        Meeting.objects.filter(Q(request__from_participant=me) | Q(request__to_participant=me)),
        pk=meeting_id,
    )
    showcase = Showcase.objects.filter(event=me.event).select_related("project")
    form = LeadForm(request.POST, showcase_choices=[(s.pk, s.project.title) for s in showcase])
    if form.is_valid():
        chosen = form.cleaned_data["showcase"]
        try:
            attendance.lead_record(
                by=request.user,
                meeting=meeting,
                participant=me,
                interest=form.cleaned_data["interest"],
                notes=form.cleaned_data["notes"],
                showcase=showcase.get(pk=chosen) if chosen else None,
            )
            messages.success(request, _("Your interest is recorded."))
        except ValidationError as error:
            messages.error(request, _first_error(error))
    else:
        messages.error(request, _("Choose the level of interest."))
    return redirect("forum:my_space", slug=me.event.slug)


@delegate_required
def agenda_page(request, me):
    meetings = [(m, other_side(m, me)) for m in meetings_of(me)]
    return render(
        request,
        "forum/agenda.html",
        {"event": me.event, "me": me, "meetings": meetings, "sessions": me.event.sessions.all()},
    )


@delegate_required
def agenda_pdf_view(request, me):
    """The agenda's file while the agenda is unchanged; else a job draws it and this page
    shows its bar, then reloads to the file."""
    path, digest = agenda_files.cached(me)
    if path is None:
        job = enqueue_agenda_pdf(
            me, by=request.user, language=request.LANGUAGE_CODE, fingerprint=digest
        )
        path, digest = agenda_files.cached(me)  # drawn already by an immediate backend
        if path is None:
            return render(
                request, "forum/agenda_pdf_wait.html", {"event": me.event, "job": job}, status=202
            )
    response = HttpResponse(path.read_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{me.checkin_code}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    response["ETag"] = f'"{digest}"'
    return response


@delegate_required
def agenda_ics_view(request, me):
    response = HttpResponse(agenda_ics(me), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{me.checkin_code}.ics"'
    return response


def _profile_form(me, slots, data=None) -> ProfileForm:
    initial = {
        "offers": me.offers,
        "seeks": me.seeks,
        "sectors": me.sectors,
        "max_meetings": me.max_meetings,
        "unavailable_slots": me.unavailable_slots.all(),
    }
    return ProfileForm(data, initial=initial, slots=slots, record=me)


@delegate_required
def profile(request, me):
    slots = Slot.objects.filter(event=me.event)
    form = _profile_form(me, slots, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration.participant_profile_update(
                by=request.user,
                participant=me,
                expected_version=form.expected_version,
                **form.changes(),
            )
        except StaleVersion as stale:
            form = form.merge_into(_profile_form(stale.current, slots))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("forum:my_space", slug=me.event.slug)
    return render(request, "forum/profile.html", {"event": me.event, "me": me, "form": form})
