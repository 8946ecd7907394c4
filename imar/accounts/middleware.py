"""Session lifetimes (idle and absolute) and two-factor sign-in, before any view runs."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from imar.accounts import sessions, two_factor


class SessionLifetimeMiddleware:
    """Signs a user out after IMAR_SESSION_IDLE_MINUTES without a request, and
    IMAR_SESSION_MAX_HOURS after signing in whatever the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session, now = request.session, time.time()
        started = session.get(sessions.SIGNED_IN_AT)
        last = session.get(sessions.LAST_ACTIVITY, started)
        reason = None
        if started is not None and now - started > settings.IMAR_SESSION_MAX_HOURS * 3600:
            reason = "max_age"
        elif last is not None and now - last > settings.IMAR_SESSION_IDLE_MINUTES * 60:
            reason = "idle"
        if reason:
            request.imar_session_expired = True
            logout(request)
            request.session[sessions.SIGNED_OUT_REASON] = reason
            return
        if started is None:  # a session from before these clocks existed
            session[sessions.SIGNED_IN_AT] = now
        if last is None or now - last >= sessions.ACTIVITY_RESOLUTION_SECONDS:
            session[sessions.LAST_ACTIVITY] = now


def signed_out_message(reason: str | None) -> str:
    if reason == "idle":
        return _("You were signed out after %(minutes)d minutes without activity.") % {
            "minutes": settings.IMAR_SESSION_IDLE_MINUTES
        }
    if reason == "max_age":
        return _("You were signed out: a session lasts at most %(hours)d hours.") % {
            "hours": settings.IMAR_SESSION_MAX_HOURS
        }
    return ""


class TwoFactorMiddleware:
    """An account with an authenticator is asked for a code before anything else; an account
    whose role requires two-factor and has none is sent to set it up (Django admin included)."""

    EXEMPT_NAMES = {"two_factor_verify", "two_factor_setup", "logout"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._gate(request)
        return response if response is not None else self.get_response(request)

    def _exempt(self, request) -> bool:
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/i18n/")):
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(path)
            except Resolver404:
                return False
        return match.namespace == "accounts" and match.url_name in self.EXEMPT_NAMES

    def _gate(self, request):
        user = request.user
        if not user.is_authenticated or self._exempt(request):
            return None
        if user.is_verified():
            return None
        if sessions.two_factor_state(request) == "enrolled":
            name, message = "accounts:two_factor_verify", _("Enter your two-factor code first.")
        elif two_factor.is_required(user):
            name = "accounts:two_factor_setup"
            message = _("Your role requires two-factor sign-in: set it up first.")
        else:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(name) + (f"?{query}" if query else ""))
