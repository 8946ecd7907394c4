"""The hook the results framework fills: which projects have indicators.

`IMAR_QUALITY_INDICATORS_HOOK` names a function (dotted path) that takes a queryset of
projects and returns the ids of those with at least one indicator (a set, or a queryset
of ids usable in `pk__in`). A function can also be registered in code
(`register_indicator_source`, from an AppConfig.ready). With neither, the data-quality
page shows the indicators column as "not measured" rather than 0 %. Looked up at run time,
so this app imports no results module and the layers stay as they are.
"""

from django.conf import settings
from django.utils.module_loading import import_string

_registered = []


def register_indicator_source(function) -> None:
    _registered[:] = [function]


def indicator_source():
    if _registered:
        return _registered[0]
    path = getattr(settings, "IMAR_QUALITY_INDICATORS_HOOK", "")
    return import_string(path) if path else None


def projects_with_indicators(projects) -> set[int] | None:
    """Ids of the projects (of this queryset) with indicators, or None when not measured."""
    source = indicator_source()
    if source is None:
        return None
    return set(projects.filter(pk__in=source(projects)).values_list("pk", flat=True))
