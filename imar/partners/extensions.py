"""What apps above partners add to the country briefing, without partners importing them.

Aid (donors' activities) sits above partners; the briefing for a visit lists the visited
country's donor activities. A section registered in an `AppConfig.ready` is called with
`country=` (ISO code) and `user=` and returns the template to include after the money
tables and the context it reads.
"""

from collections.abc import Callable

BriefingSection = Callable[..., tuple[str, dict]]

_briefing_sections: list[BriefingSection] = []


def register_briefing_section(section: BriefingSection) -> None:
    if section not in _briefing_sections:
        _briefing_sections.append(section)


def briefing_sections(*, country: str, user) -> tuple[list[str], dict]:
    templates, context = [], {}
    for section in _briefing_sections:
        template, values = section(country=country, user=user)
        templates.append(template)
        context.update(values)
    return templates, context
