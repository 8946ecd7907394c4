"""Form helpers shared by the staff pages."""

from django import forms


def bootstrap_widgets(form) -> None:
    """Give each widget Bootstrap's class, and mark invalid ones for screen readers too."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.CheckboxInput):
            base = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            base = "form-select"
        else:
            base = "form-control"
        classes = widget.attrs.get("class", "").split()
        if base not in classes:
            classes.append(base)
        if form.is_bound and name in form.errors:
            classes.append("is-invalid")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"id_{form.add_prefix(name)}-error"
        widget.attrs["class"] = " ".join(classes)


def style_filters(filterset) -> None:
    """Compact Bootstrap widgets for a filter bar."""
    for field in filterset.form.fields.values():
        css = "form-control form-control-sm"
        if hasattr(field, "choices") or hasattr(field, "queryset"):
            css = "form-select form-select-sm"
        field.widget.attrs["class"] = css
