"""The staff results dashboard: the roll-up against targets and recorded damage."""

from django.shortcuts import render

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.results import selectors
from imar.results.views.pages import visible_periods


@staff_required
def dashboard(request):
    districts = permissions.district_ids_of(request.user)
    context = selectors.rollup_page(
        visible_periods(request.user), request.GET, district_ids=districts
    )
    context["district_scope"] = districts is not None
    return render(request, "results/dashboard.html", context)
