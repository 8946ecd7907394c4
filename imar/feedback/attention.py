"""The hook into monitoring's attention list: a project with a misuse-of-money or safety
case not yet reviewed (received or under review) is flagged, with its reason."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from imar.feedback.enums import ATTENTION_CATEGORIES, OPEN_STATUSES

NAME = "citizen_case"


def condition(today=None):
    from imar.feedback.models import Case

    return Exists(
        Case.objects.filter(
            project=OuterRef("pk"),
            category__in=ATTENTION_CATEGORIES,
            status__in=OPEN_STATUSES,
        )
    )


def reason() -> str:
    return _("A citizen reported misuse of money or a safety problem; not reviewed yet.")


def register() -> None:
    from imar.monitoring import alerts

    alerts.register_condition(NAME, condition, reason)
