"""What a locked-out sign-in gets (django-axes calls this): HTTP 429 and a translated message,
as JSON on the API and as a page elsewhere (the staff login and the Django admin)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    return _(
        "Too many failed sign-in attempts for this account or from this address. "
        "Try again in %(minutes)d minutes."
    ) % {"minutes": settings.IMAR_LOGIN_COOLOFF_MINUTES}


def _retry_after() -> str:
    return str(settings.IMAR_LOGIN_COOLOFF_MINUTES * 60)


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = render(
            request, "accounts/locked_out.html", {"message": lockout_message()}, status=429
        )
    response["Retry-After"] = _retry_after()
    return response
