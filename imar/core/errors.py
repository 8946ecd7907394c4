"""The site's own error pages: 403, 404, 500 and 503 in its layout and the visitor's language.

They replace Django's bare pages (and its technical pages, now shown only with the developer
setting IMAR_DEBUG_PAGES). An API request gets the API's JSON error shape instead of a page.
An error that reached the 500 handler because the database could not be reached (down,
restarting, out of connections) answers 503 with Retry-After instead: the visitor is told to
come back, a proxy or client may retry. The request's transaction (ATOMIC_REQUESTS) has been
rolled back by then: nothing it wrote is kept.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.exceptions import TemplateDoesNotExist
from django.utils.translation import gettext as _


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _page(request, template: str, status: int, **context):
    if _wants_json(request):
        return JsonResponse({"detail": context.get("message", "")}, status=status)
    context["error_code"] = status
    return HttpResponse(loader.render_to_string(template, context, request=request), status=status)


def permission_denied(request, exception=None):
    return _page(
        request,
        "403.html",
        403,
        error_title=_("Not allowed"),
        message=_("You do not have permission to open this page."),
    )


def page_not_found(request, exception=None):
    return _page(
        request,
        "404.html",
        404,
        error_title=_("Page not found"),
        message=_("This page does not exist, or it is not available to you."),
    )


def database_unavailable(exception: BaseException | None) -> bool:
    """Whether the error is the database not answering (not a bug in a query: those are
    ProgrammingError, IntegrityError or DataError)."""
    while exception is not None:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def service_unavailable(request):
    """503, with Retry-After, rendered without the database (no request context)."""
    retry_after = str(settings.IMAR_RETRY_AFTER_SECONDS)
    message = _("The service is briefly unavailable.")
    if _wants_json(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        context = {
            "error_title": _("Service unavailable"),
            "message": message,
            "retry": _(
                "Please try again in a minute. If you were saving something, it was not saved: "
                "send it again then."
            ),
        }
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """Rendered with the request when that still works; a page with no context otherwise (the
    error may come from the database or a context processor). The database unavailable: 503."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    if _wants_json(request):
        return JsonResponse({"detail": _("Something went wrong on our side.")}, status=500)
    try:
        context = {
            "error_code": 500,
            "error_title": _("Something went wrong"),
            "message": _(
                "Something went wrong on our side. It has been recorded; please try again in a "
                "few minutes."
            ),
        }
        body = loader.render_to_string("500.html", context, request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        try:
            body = loader.render_to_string("500_plain.html", {"message": context["message"]})
        except TemplateDoesNotExist:
            body = "<h1>Server error (500)</h1>"
    return HttpResponseServerError(body)
