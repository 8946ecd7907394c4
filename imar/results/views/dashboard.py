"""The staff results dashboard: the roll-up against targets and recorded damage."""

from django.shortcuts import render

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.results import selectors
from imar.results.views.pages import visible_periods


@staff_required
def dashboard(request):
    context = selectors.rollup_page(visible_periods(request.user), request.GET)
    context["district_scope"] = permissions.district_ids_of(request.user) is not None
    return render(request, "results/dashboard.html", context)
