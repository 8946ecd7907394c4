"""Who may open the partners pages: staff read, fund officers and administrators write."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from imar.accounts import permissions

PAGE_SIZE = 50


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_manage_partners(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def style_filters(filterset) -> None:
    for field in filterset.form.fields.values():
        css = "form-control form-control-sm"
        if hasattr(field, "choices") or hasattr(field, "queryset"):
            css = "form-select form-select-sm"
        field.widget.attrs["class"] = css


def paginate(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def style_form(form) -> None:
    from django import forms

    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput,)):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
