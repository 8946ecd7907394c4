"""Bench-only URLs: the whole site plus a trivial JSON view, the baseline of request cost
(same middleware, sessions and transaction, no work). The site's list is joined, not
included: Django refuses an include of a URLconf with language prefixes."""

from django.http import JsonResponse
from django.urls import path

from imar.urls import urlpatterns as site


def trivial_json(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/trivial/", trivial_json), *site]
