"""Form helpers shared by the staff pages."""


def bootstrap_widgets(form) -> None:
    """Give each widget Bootstrap's class, and mark invalid ones for screen readers too."""
    for name, field in form.fields.items():
        widget = field.widget
        input_type = getattr(widget, "input_type", None)
        if input_type == "checkbox":
            continue
        base = "form-select" if input_type == "select" else "form-control"
        classes = [widget.attrs.get("class", ""), base]
        if form.is_bound and name in form.errors:
            classes.append("is-invalid")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"id_{form.add_prefix(name)}-error"
        widget.attrs["class"] = " ".join(c for c in classes if c)
