"""The field form as an installable web app: its manifest and its service worker, served
from the site's own origin at the root (a worker's scope cannot be wider than its address),
listing only the site's own assets."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# What the field form needs to open with no connection (fonts come with their CSS files).
FIELD_ASSETS = [
    "vendor/bootstrap/dist/css/bootstrap.rtl.min.css",
    "vendor/bootstrap/dist/css/bootstrap.min.css",
    "vendor/fontsource-noto-sans-arabic/400.css",
    "vendor/fontsource-noto-sans-arabic/700.css",
    "vendor/bootstrap-icons/font/bootstrap-icons.min.css",
    "core/imar.css",
    "core/imar.js",
    "core/favicon.svg",
    "vendor/bootstrap/dist/js/bootstrap.bundle.min.js",
    "vendor/htmx.org/dist/htmx.min.js",
    "monitoring/monitoring.css",
    "monitoring/monitoring_report_form.js",
    "monitoring/field_offline.js",
]
CACHE_VERSION = "imar-field-v1"


@require_GET
@never_cache
def service_worker(request):
    """The worker: keeps the field form's assets and the pages of the field form opened
    online, so the form opens without a connection. Sending is the page's job (IndexedDB)."""
    body = render_to_string(
        "monitoring/offline/field_sw.js",
        {
            "assets": [static(a) for a in FIELD_ASSETS],
            "cache": CACHE_VERSION,
            "static_prefix": settings.STATIC_URL,
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Imar field reports"),
        "short_name": _("Imar field"),
        "description": _("Progress reports from the site, with photos, even without a connection."),
        "start_url": reverse("monitoring:report_queue"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f5f4a",
        "lang": request.LANGUAGE_CODE,
        "dir": "rtl" if request.LANGUAGE_CODE == "ar" else "ltr",
        "icons": [{"src": static("core/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
