"""The one-form staff page shared by document and monitoring pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from imar.core.forms import bootstrap_widgets


def errors_to_form(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_page(request, form, *, title, project=None, multipart=False, intro="", preview_url=""):
    """A staff form page; `preview_url` is fetched (HTMX) on each change of the form and shown
    above the save button, e.g. a transaction's rate and amount in LYD before it is saved."""
    bootstrap_widgets(form)
    context = {"form": form, "title": title, "project": project, "multipart": multipart}
    context["intro"] = intro
    context["preview_url"] = preview_url
    return render(request, "portfolio/form_page.html", context)
