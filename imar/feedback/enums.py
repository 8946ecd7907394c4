"""Citizens' cases: what they are about and where they stand."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    WORK_STOPPED = "work_stopped", _("Work has stopped")
    QUALITY_SAFETY = "quality_safety", _("Quality or safety problem")
    NOT_AS_DESCRIBED = "not_as_described", _("Something is not as described")
    MISUSE_OF_MONEY = "misuse_of_money", _("Misuse of money")
    SUGGESTION = "suggestion", _("Suggestion")
    THANKS = "thanks", _("Thanks")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")


# Seen only by the restricted role (the auditor) and never public until decided.
SENSITIVE_CATEGORIES = frozenset({Category.MISUSE_OF_MONEY})
# Raise the project's attention flag while the case is not yet reviewed.
ATTENTION_CATEGORIES = frozenset({Category.MISUSE_OF_MONEY, Category.QUALITY_SAFETY})
# Waiting for the fund: counted as unanswered, escalated when past their due time.
OPEN_STATUSES = frozenset({Status.RECEIVED, Status.UNDER_REVIEW})
ANSWERED_STATUSES = frozenset({Status.ANSWERED, Status.RESOLVED})
DECIDED_STATUSES = frozenset({Status.RESOLVED, Status.REJECTED})
