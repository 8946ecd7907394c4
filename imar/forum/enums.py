"""Choices of the forum app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    LIBYAN_INSTITUTION = "libyan_institution", _("Libyan institution")
    FOREIGN_COMPANY = "foreign_company", _("Foreign company")
    GOVERNMENT = "government", _("Government")
    AGENCY = "agency", _("Agency")


class ParticipantStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Priority(models.TextChoices):
    MUST_MEET = "must_meet", _("Must meet")
    WOULD_LIKE = "would_like", _("Would like to meet")


class RecipientPriority(models.TextChoices):
    MUST_MEET = "must_meet", _("Must meet")
    WOULD_LIKE = "would_like", _("Would like to meet")
    NO_THANKS = "no_thanks", _("No thanks")


# The scheduler maximises the total weight of scheduled meetings (see
# ``imar.forum.scheduling.weights``: 3 must meet, 1 would like, both sides added up).
PRIORITY_WEIGHTS = {Priority.MUST_MEET: 3, Priority.WOULD_LIKE: 1}
# The buyer side of a meeting: those looking for suppliers and partners.
BUYER_KINDS = (ParticipantKind.LIBYAN_INSTITUTION, ParticipantKind.GOVERNMENT)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


# A pair may have only one of these at a time.
OPEN_REQUEST_STATUSES = [RequestStatus.PENDING, RequestStatus.ACCEPTED]


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class InterestLevel(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
