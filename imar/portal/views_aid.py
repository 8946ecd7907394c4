"""The public "who does what where": donors' activities as `aid/public.py` lets them out,
each publisher credited, with a link to the publisher's own data."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from imar.aid.selectors import who_does_what_where
from imar.portfolio.currency import DISPLAY_CURRENCIES, display_currency


def donors_page(request):
    if not settings.IMAR_AID_PUBLIC:
        raise Http404
    currency = display_currency(request)
    return render(
        request,
        "portal/donors.html",
        {
            "data": who_does_what_where(currency=currency, public=True),
            "currency": currency,
            "currencies": DISPLAY_CURRENCIES,
        },
    )
