"""The site's URLs and a trivial JSON view (the baseline of request cost: same middleware,
sessions and transaction, no work) for bench.map_clusters. bench.urls includes imar.urls,
which Django refuses since the language prefixes; the list is joined here instead."""

from django.http import JsonResponse
from django.urls import path

from imar.urls import urlpatterns as site


def trivial_json(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/trivial/", trivial_json), *site]
