"""The procurement plan of a program and a year: every process planned for it, with its
estimated value, method and status, and the totals by method and by currency."""

from collections import defaultdict
from decimal import Decimal

from django.shortcuts import render

from imar.accounts import permissions
from imar.accounts.decorators import staff_required
from imar.portfolio.models import Program
from imar.procurement import selectors
from imar.procurement.enums import Method
from imar.procurement.models import Process


@staff_required
def plan(request):
    programs = list(
        permissions.visible_programs(request.user, Program.objects.all()).order_by("code")
    )
    visible = selectors.visible_processes(request.user)
    years = sorted(set(Process.objects.values_list("year", flat=True)), reverse=True)
    chosen = next((p for p in programs if str(p.pk) == request.GET.get("program")), None)
    if chosen is None and programs:
        chosen = programs[0]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else (years[0] if years else None)
    rows = []
    if chosen is not None and year is not None:
        rows = list(
            visible.filter(project__program=chosen, year=year).order_by("project__code", "ocid")
        )
    by_method: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0)])
    by_currency: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    for process in rows:
        by_method[(process.method, process.currency)][0] += 1
        by_method[(process.method, process.currency)][1] += process.estimated_value
        by_currency[process.currency][0] += 1
        by_currency[process.currency][1] += process.estimated_value
    labels = dict(Method.choices)
    method_totals = [
        {"method": labels[m], "currency": c, "count": n, "value": v}
        for (m, c), (n, v) in sorted(
            by_method.items(), key=lambda i: (Method.values.index(i[0][0]), i[0][1])
        )
    ]
    totals = [{"currency": c, "count": n, "value": v} for c, (n, v) in sorted(by_currency.items())]
    return render(
        request,
        "procurement/plan.html",
        {
            "programs": programs,
            "program": chosen,
            "years": years,
            "year": year,
            "rows": rows,
            "method_totals": method_totals,
            "totals": totals,
        },
    )
