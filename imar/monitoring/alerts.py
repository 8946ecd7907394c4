"""Which projects need attention, and why: computed in SQL from ProjectFigures.

A project is flagged when it is late (SPI below IMAR_ALERT_SPI_BELOW, or past its
planned end and not completed), over budget (CPI below IMAR_ALERT_CPI_BELOW), or has no
verified report for IMAR_ALERT_REPORT_DAYS days while under implementation.

Apps above monitoring add their own reasons with `register_condition` (citizens' cases
raise the flag this way), so this module imports none of them.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from imar.core.text import isolated
from imar.portfolio.enums import ProjectStatus as S

UNDER_WAY = [S.APPROVED, S.PROCUREMENT, S.IMPLEMENTATION, S.SUSPENDED]

# name -> (a function of today giving the Q on projects, a function giving the reason text)
_EXTRA: dict[str, tuple] = {}


def register_condition(name: str, condition, reason) -> None:
    """Add an alert `name`: `condition(today)` is a Q (or expression) on projects, `reason()`
    its translated words. Registered once, at app start (an AppConfig.ready)."""
    _EXTRA[name] = (condition, reason)


def thresholds() -> tuple[Decimal, Decimal, int]:
    return (
        Decimal(str(settings.IMAR_ALERT_SPI_BELOW)),
        Decimal(str(settings.IMAR_ALERT_CPI_BELOW)),
        int(settings.IMAR_ALERT_REPORT_DAYS),
    )


def alert_conditions(today: dt.date | None = None) -> dict[str, Q]:
    today = today or timezone.localdate()
    spi, cpi, days = thresholds()
    implementing = Q(status=S.IMPLEMENTATION)
    return {
        "behind_schedule": implementing & Q(figures__spi__lt=spi),
        "past_end": Q(status__in=UNDER_WAY, planned_end__lt=today),
        "over_budget": implementing & Q(figures__cpi__lt=cpi),
        "no_recent_report": implementing & Q(last_seen__lt=today - dt.timedelta(days=days)),
        **{name: Q(condition(today)) for name, (condition, _reason) in _EXTRA.items()},
    }


def _flag(condition: Q):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def annotate_alerts(queryset: QuerySet, today: dt.date | None = None) -> QuerySet:
    """Add a boolean per alert (behind_schedule, past_end, over_budget, no_recent_report)."""
    conditions = alert_conditions(today)
    queryset = queryset.annotate(
        last_seen=Coalesce("figures__last_verified_on", "actual_start", "planned_start")
    )
    return queryset.annotate(**{f"alert_{name}": _flag(q) for name, q in conditions.items()})


def flagged(queryset: QuerySet, today: dt.date | None = None) -> QuerySet:
    """Only the projects with at least one alert, alerts annotated."""
    queryset = annotate_alerts(queryset, today)
    any_alert = Q()
    for name in alert_conditions(today):
        any_alert |= Q(**{f"alert_{name}": True})
    return queryset.filter(any_alert)


def reasons(project) -> list[str]:
    """Translated reasons for an annotated project, for pages and the API."""
    spi, cpi, days = thresholds()
    figures = getattr(project, "figures", None)
    out = []
    if getattr(project, "alert_behind_schedule", False):
        out.append(
            _("Behind schedule: SPI %(spi)s, below %(limit)s.")
            % {"spi": isolated(f"{figures.spi:.3f}"), "limit": isolated(spi)}
        )
    if getattr(project, "alert_past_end", False):
        out.append(
            _("Past its planned end (%(date)s) and not completed.")
            % {"date": isolated(project.planned_end.isoformat())}
        )
    if getattr(project, "alert_over_budget", False):
        out.append(
            _("Over budget: CPI %(cpi)s, below %(limit)s.")
            % {"cpi": isolated(f"{figures.cpi:.3f}"), "limit": isolated(cpi)}
        )
    if getattr(project, "alert_no_recent_report", False):
        out.append(
            _("No verified progress report for over %(days)s days.") % {"days": isolated(days)}
        )
    for name, (_condition, reason) in _EXTRA.items():
        if getattr(project, f"alert_{name}", False):
            out.append(str(reason()))
    return out
