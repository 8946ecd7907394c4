"""The one-form staff page shared by document and monitoring pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from imar.core.forms import bootstrap_widgets


def errors_to_form(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_page(
    request,
    form,
    *,
    title,
    project=None,
    multipart=False,
    intro="",
    preview_url="",
    error_link=None,
):
    """A staff form page; `preview_url` is fetched (HTMX) on each change of the form and shown
    above the save button, e.g. a transaction's rate and amount in LYD before it is saved.
    `error_link` ({"field", "url", "label"}) is shown under that field when it has an error:
    where to fix it (the exchange-rates page under a missing rate)."""
    bootstrap_widgets(form)
    context = {"form": form, "title": title, "project": project, "multipart": multipart}
    context["intro"] = intro
    context["preview_url"] = preview_url
    context["error_link"] = error_link
    return render(request, "portfolio/form_page.html", context)
