import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView

from imar.core.api_docs import ApiDocsView
from imar.core.languages import language_patterns
from imar.core.robots import robots_txt
from imar.monitoring.views import offline as field_offline
from imar.procurement.views import public as procurement_public

urlpatterns = [
    path("", include("imar.portal.urls")),
    path("open-data/", include("imar.opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("imar.accounts.urls")),
    path("portfolio/", include("imar.portfolio.urls")),
    path("portfolio/", include("imar.monitoring.urls")),
    path("needs/", include("imar.needs.urls")),
    path("partners/", include("imar.partners.urls")),
    path("forum/", include("imar.forum.urls")),
    path("aid/", include("imar.aid.urls")),
    path("", include("imar.feedback.urls")),
    path("procurement/", include("imar.procurement.urls")),
    path("contracts/", procurement_public.contracts, name="public-contracts"),
    path("results/", include("imar.results.urls")),
    path("", include("imar.jobs.urls")),
    path("api/v1/", include("imar.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        ApiDocsView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    # The field form's web app: its worker must sit at the root to reach every field page.
    path("field-sw.js", field_offline.service_worker, name="field_service_worker"),
    path("field.webmanifest", field_offline.manifest, name="field_manifest"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

# The demo serves public media itself (Django's static() helper does so only with DEBUG, which
# now means the developer's technical pages); production leaves /media/ to the web server.
if settings.IMAR_DEBUG:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Every page also at /ar/… and /en/… (the language of the address), Arabic at the unprefixed
# address; /api/, /open-data/, /admin/, /i18n/ and /media/ stay unprefixed (imar.core.languages).
# A new page include goes in the list above: it is prefixed here with the others.
urlpatterns = language_patterns(urlpatterns)

# The site's own error pages, in its layout and the visitor's language (imar/core/templates).
handler403 = "imar.core.errors.permission_denied"
handler404 = "imar.core.errors.page_not_found"
handler500 = "imar.core.errors.server_error"
