"""Who may open the forum pages: organizers run events; delegates see only their own space."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from imar.accounts import permissions
from imar.accounts.decorators import user_passes
from imar.forum.models import Event
from imar.forum.selectors import participant_of


def organizer_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        if not permissions.is_forum_organizer(request.user):
            raise PermissionDenied
        event = get_object_or_404(Event, slug=slug)
        return view(request, event, *args, **kwargs)

    return wrapped


# For organizer pages above any one event (the list of events, a new event).
organizer_only = user_passes(permissions.is_forum_organizer)


def delegate_required(view):
    """The view receives the logged-in user's own approved participant record."""

    @login_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        event = get_object_or_404(Event, slug=slug)
        participant = participant_of(request.user, event)
        if participant is None:
            raise PermissionDenied
        return view(request, participant, *args, **kwargs)

    return wrapped


def form_errors(form, error) -> None:
    """Attach a service's ValidationError to the form, field by field."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
