"""Bench-only URLs: the whole site plus a trivial JSON view, the baseline of request cost
(same middleware, sessions and transaction, no work)."""

from django.http import JsonResponse
from django.urls import include, path


def trivial_json(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/trivial/", trivial_json),
    path("", include("imar.urls")),
]
