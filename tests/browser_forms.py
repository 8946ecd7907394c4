"""What a browser would send for a form on a page: read from the HTML the server rendered.

Tests post edit forms the way a person does (open the page, change a field, save), so the
hidden version fields and every untouched value come from the page itself.
"""

from lxml import html


def form_values(page: str, form_index: int = 0, *, contains: str | None = None) -> dict:
    """The fields the form would submit, as a dict for Django's test client (lists for
    repeated names). `contains` picks the first form holding a field of that name."""
    forms = html.fromstring(page).forms
    if contains is not None:
        forms = [f for f in forms if f.xpath(f".//*[@name='{contains}']")]
    form = forms[form_index]
    values: dict = {}
    for name, value in form.form_values():
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values
