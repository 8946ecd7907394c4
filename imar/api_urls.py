"""/api/v1/: each domain app registers its endpoints on this one router.

An app opts in with a module holding `register(router)`; listing them here keeps the
API's shape visible in one place.
"""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter

API_MODULES = [
    "imar.accounts.api",
    "imar.geo.api",
    "imar.partners.api",
    "imar.portfolio.api",
    "imar.monitoring.api",
    "imar.needs.api",
    "imar.forum.api",
    "imar.aid.api",
    "imar.results.api",
    "imar.feedback.api",
    "imar.portal.api",
    "imar.procurement.api",
    "imar.jobs.api",
]

router = DefaultRouter()
extra_urlpatterns = []
for module_name in API_MODULES:
    module = import_module(module_name)
    module.register(router)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [*extra_urlpatterns, path("", include(router.urls))]
