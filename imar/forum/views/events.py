"""Organizer pages for the events themselves and their agenda of talks and panels."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imar.core.versioning import StaleVersion
from imar.forum.forms import EventForm, SessionForm
from imar.forum.models import Event, Session
from imar.forum.services import programme
from imar.forum.views.access import form_errors, organizer_only, organizer_required


@organizer_only
def event_list(request):
    events = Event.objects.annotate(
        session_count=Count("sessions", distinct=True),
        participant_count=Count("participants", distinct=True),
    ).order_by("-starts_on")
    return render(request, "forum/organize/events.html", {"events": events})


@organizer_only
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = programme.event_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The event is created; now add its agenda."))
            return redirect("forum:organize_agenda", slug=event.slug)
    return render(request, "forum/organize/event_form.html", {"form": form, "event": None})


def _event_form(event, data=None) -> EventForm:
    initial = {name: getattr(event, name) for name in programme.EVENT_FIELDS}
    return EventForm(data, initial=initial, editing=True, record=event)


@organizer_required
def event_edit(request, event):
    form = _event_form(event, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme.event_update(
                by=request.user,
                event=event,
                expected_version=form.expected_version,
                **form.changes(),
            )
        except StaleVersion as stale:
            event = stale.current
            form = form.merge_into(_event_form(event))
        except ValidationError as error:
            form_errors(form, error)
            event.refresh_from_db()
        else:
            messages.success(request, _("The event is saved."))
            return redirect("forum:organize_event", slug=event.slug)
    return render(request, "forum/organize/event_form.html", {"form": form, "event": event})


@organizer_required
def agenda(request, event):
    form = SessionForm(request.POST or None, event=event, initial={"day": event.starts_on})
    if request.method == "POST" and form.is_valid():
        try:
            programme.session_create(by=request.user, event=event, **form.session_values())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The session is added to the agenda."))
            return redirect("forum:organize_agenda", slug=event.slug)
    sessions = Session.objects.filter(event=event).select_related("room")
    return render(
        request,
        "forum/organize/agenda.html",
        {"event": event, "sessions": sessions, "form": form},
    )


def _session_form(event, session, data=None) -> SessionForm:
    return SessionForm(data, event=event, initial=SessionForm.initial_for(session), record=session)


@organizer_required
def session_edit(request, event, pk: int):
    session = get_object_or_404(Session, pk=pk, event=event)
    form = _session_form(event, session, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme.session_update(
                by=request.user,
                session=session,
                expected_version=form.expected_version,
                **form.session_values(),
            )
        except StaleVersion as stale:
            session = stale.current
            form = form.merge_into(_session_form(event, session))
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("forum:organize_agenda", slug=event.slug)
    return render(
        request,
        "forum/organize/session_form.html",
        {"event": event, "session": session, "form": form},
    )


@require_POST
@organizer_required
def session_delete(request, event, pk: int):
    session = get_object_or_404(Session, pk=pk, event=event)
    programme.session_delete(by=request.user, session=session)
    messages.info(request, _("The session is removed from the agenda."))
    return redirect("forum:organize_agenda", slug=event.slug)
