"""Public pages: the event, its registration form and its showcase; the delegate login link."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from imar.accounts import permissions
from imar.forum.forms import DelegateFormSet, RegistrationForm
from imar.forum.models import Event, Showcase
from imar.forum.selectors import current_event
from imar.forum.services import login_links, registration
from imar.forum.showcase_money import shown
from imar.forum.views.access import form_errors
from imar.forum.views.registration_limits import refusal_for


def index(request):
    event = current_event()
    if event is None:
        return render(
            request,
            "forum/no_event.html",
            {"is_organizer": permissions.is_forum_organizer(request.user)},
        )
    return redirect("forum:event", slug=event.slug)


def event_page(request, slug):
    event = get_object_or_404(Event, slug=slug)
    sessions = event.sessions.select_related("room")
    return render(
        request,
        "forum/event.html",
        {
            "event": event,
            "sessions": sessions,
            "showcase_count": event.showcase.public().count(),
            "is_organizer": permissions.is_forum_organizer(request.user),
        },
    )


def showcase(request, slug):
    event = get_object_or_404(Event, slug=slug)
    items = (
        Showcase.objects.public()
        .filter(event=event)
        .select_related("project__municipality", "owner__organization")
        .order_by("project__code")
    )
    for item in items:
        item.budget_shown = shown(item.project.budget, item.project.currency)
        item.funding_shown = shown(item.funding_amount, item.funding_currency)
    return render(request, "forum/showcase.html", {"event": event, "items": items})


def register(request, slug):
    event = get_object_or_404(Event, slug=slug)
    if request.method == "POST":
        refusal = refusal_for(request, event)
        if refusal is not None:
            return render(
                request,
                "forum/register_refused.html",
                {"event": event, "message": refusal.message},
                status=refusal.status,
            )
    form = RegistrationForm(request.POST or None)
    delegates = DelegateFormSet(request.POST or None, prefix="delegates")
    if request.method == "POST" and form.is_valid() and delegates.is_valid():
        data = form.cleaned_data
        try:
            registration.register(
                event=event,
                name_ar=data["name_ar"],
                name_en=data["name_en"],
                country=data["country"],
                kind=data["kind"],
                sectors=data["sectors"],
                offers=data["offers"],
                seeks=data["seeks"],
                max_meetings=data["max_meetings"],
                delegates=[d for d in delegates.cleaned_data if d],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return render(request, "forum/registered.html", {"event": event})
    return render(
        request,
        "forum/register.html",
        {"event": event, "form": form, "delegates": delegates},
    )


def delegate_login(request, key):
    """A delegate's login link: the page asks them to press a button, so a mail scanner that
    fetches links does not spend it; the button logs them in (once)."""
    if request.method == "POST":
        participant = login_links.login_link_redeem(key=key)
        if participant is None:
            return render(request, "forum/link_invalid.html", status=400)
        login(request, participant.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to your delegate space."))
        return redirect("forum:my_space", slug=participant.event.slug)
    link = login_links.live_link(key)
    if link is None:
        return render(request, "forum/link_invalid.html", status=400)
    return render(request, "forum/link_open.html", {"participant": link.participant})
