"""Choices of the partners app: agreements, engagements and their follow-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    FRAMEWORK = "framework", _("Framework agreement")
    MOU = "mou", _("Memorandum of understanding")
    CONTRACT = "contract", _("Contract")
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")


# Kinds that move money: their value (and currency) is required.
KINDS_WITH_VALUE = {AgreementKind.CONTRACT, AgreementKind.GRANT, AgreementKind.LOAN}


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")
    # Never stored: derived from the end date of a signed or in-force agreement.
    EXPIRED = "expired", _("Expired")


STORED_AGREEMENT_STATUSES = [
    (value, label) for value, label in AgreementStatus.choices if value != AgreementStatus.EXPIRED
]
# Statuses that lapse into "expired" once the end date has passed.
LIVE_AGREEMENT_STATUSES = [AgreementStatus.SIGNED, AgreementStatus.IN_FORCE]


class PartyRole(models.TextChoices):
    FIRST_PARTY = "first_party", _("First party")
    SECOND_PARTY = "second_party", _("Second party")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    GUARANTOR = "guarantor", _("Guarantor")
    WITNESS = "witness", _("Witness")


class EngagementKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    DELEGATION = "delegation", _("Delegation")
    WORKSHOP = "workshop", _("Workshop")
    FORUM_SESSION = "forum_session", _("Forum session")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
