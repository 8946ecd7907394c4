"""What apps above needs add to the needs page, without needs importing them.

Aid (donors' activities) sits above needs (docs/architecture.md) yet the "are we
balanced?" page shows donors' money beside the fund's allocation. An app above registers a
section in its `AppConfig.ready`: called with `overview=` (the page's NeedsOverview, rows
already narrowed to what the user may read), `currency=` and `user=`, it returns the
template to include after the district table and the context that template reads. A
context key `district_disbursed` ({district id: amount in `currency`}) is money disbursed
outside the fund's projects in each district: the map's coverage counts it.
"""

from collections.abc import Callable

NeedsSection = Callable[..., tuple[str, dict]]

_needs_sections: list[NeedsSection] = []


def register_needs_section(section: NeedsSection) -> None:
    if section not in _needs_sections:
        _needs_sections.append(section)


def needs_sections(*, overview, currency: str, user) -> tuple[list[str], dict]:
    templates, context = [], {}
    for section in _needs_sections:
        template, values = section(overview=overview, currency=currency, user=user)
        templates.append(template)
        context.update(values)
    return templates, context
