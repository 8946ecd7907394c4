"""The site's own error pages: 403, 404 and 500 in its layout and the visitor's language.

They replace Django's bare pages (and its technical pages, now shown only with the developer
setting IMAR_DEBUG_PAGES). An API request gets the API's JSON error shape instead of a page.
"""

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


def server_error(request):
    """Rendered with the request when that still works; a page with no context otherwise (the
    error may come from the database or a context processor)."""
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
