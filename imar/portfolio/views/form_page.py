"""The one-form staff page shared by document and monitoring pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from imar.core.forms import bootstrap_widgets


def errors_to_form(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_page(request, form, *, title, project=None, multipart=False, intro=""):
    bootstrap_widgets(form)
    context = {"form": form, "title": title, "project": project, "multipart": multipart}
    context["intro"] = intro
    return render(request, "portfolio/form_page.html", context)
