"""The public results page: the roll-up of approved periods of public projects, against
the recorded damage, with a district map and a chart."""

from django.shortcuts import render

from imar.results import selectors
from imar.results.models import IndicatorPeriod


def results_page(request):
    context = selectors.rollup_page(IndicatorPeriod.objects.public(), request.GET)
    return render(request, "portal/results.html", context)
