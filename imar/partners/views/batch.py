"""Batch signing: many agreements with one partner on one day, entered as rows of a table."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from imar.organizations.models import Organization
from imar.organizations.selectors import the_fund
from imar.partners import services
from imar.partners.forms import BatchRowFormSet, BatchSigningForm
from imar.partners.models import Agreement
from imar.partners.views.access import manager_required, style_form


def _filled_rows(formset) -> list[tuple[int, dict]]:
    return [
        (number, form.cleaned_data)
        for number, form in enumerate(formset.forms, start=1)
        if form.has_changed() and form.cleaned_data
    ]


@manager_required
def batch_signing(request):
    initial = {"fund": the_fund(), "status": "signed"}
    if partner := request.GET.get("partner"):
        initial["partner"] = Organization.objects.filter(pk=partner).first()
    form = BatchSigningForm(request.POST or None, initial=initial)
    rows = BatchRowFormSet(request.POST or None, queryset=Agreement.objects.none(), prefix="row")
    row_errors: list[tuple[int, str, str]] = []
    if request.method == "POST" and form.is_valid() & rows.is_valid():
        filled = _filled_rows(rows)
        header = form.cleaned_data
        try:
            created = services.agreement_batch_create(
                by=request.user,
                fund=header["fund"],
                partner=header["partner"],
                signed_on=header["signed_on"],
                signed_place=header["signed_place"],
                engagement=header["engagement"],
                rows=[
                    {
                        **{k: v for k, v in data.items() if k not in ("project_codes", "id")},
                        "projects": data.get("project_codes") or [],
                        "status": header["status"],
                        "is_public": header["is_public"],
                    }
                    for _number, data in filled
                ],
            )
        except services.BatchError as error:
            # The service numbers the filled rows; show the table's own row numbers.
            numbers = [number for number, _data in filled]
            row_errors = [
                (numbers[n - 1] if 0 < n <= len(numbers) else n, field, message)
                for n, field, message in error.errors
            ]
        else:
            messages.success(
                request,
                _("%(count)d agreements were saved.") % {"count": len(created)},
            )
            url = reverse("partners:agreement_list")
            return redirect(f"{url}?organization={header['partner'].pk}")
    elif request.method == "POST":
        for number, row in enumerate(rows.forms, start=1):
            for field, errors in row.errors.items():
                row_errors.extend((number, field, error) for error in errors)
    style_form(form)
    labels = {name: field.label for name, field in rows.empty_form.fields.items()}
    return render(
        request,
        "partners/batch_signing.html",
        {
            "form": form,
            "rows": rows,
            "row_errors": [(n, labels.get(f, ""), m) for n, f, m in row_errors],
            "error_rows": {n for n, _f, _m in row_errors},
        },
    )
