from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from imar.core.api_docs import ApiDocsView

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
    path("results/", include("imar.results.urls")),
    path("api/v1/", include("imar.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        ApiDocsView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
