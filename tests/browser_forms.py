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
    textareas = {el.get("name") for el in form.xpath(".//textarea")}
    values: dict = {}
    for name, value in form.form_values():
        if name in textareas and value.startswith("\n"):
            value = value[1:]  # HTML drops the newline that follows <textarea>
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values


def stale_save(url: str, first, second, *, theirs: dict, mine: dict):
    """Two people open the edit form at `url`; `first` saves `theirs`, then `second` saves
    `mine` from the form as it was when they opened it. Returns the second response."""
    mine_data = form_values(second.get(url).content.decode(), contains="row_version")
    their_data = form_values(first.get(url).content.decode(), contains="row_version")
    saved = first.post(url, {**their_data, **theirs})
    assert saved.status_code == 302, saved.content.decode()[-2000:]
    return second.post(url, {**mine_data, **mine})


def refused_then_merged(response, *, theirs: dict, mine: dict, label: str) -> dict:
    """Check a stale save was refused with the other person's change listed under `label`,
    their values taken in and mine kept; return the form as the page now holds it."""
    assert response.status_code == 200
    form = response.context["form"]
    assert form.conflict is not None
    rows = {row.label.lower(): row for row in form.conflict.rows}
    label = label.lower()
    assert label in rows and not rows[label].clash, rows
    again = form_values(response.content.decode(), contains="row_version")
    for name, value in {**theirs, **mine}.items():
        assert again[name] == value, (name, again.get(name), value)
    return again
