from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    APPRAISED = "appraised", _("Appraised")
    APPROVED = "approved", _("Approved")
    PROCUREMENT = "procurement", _("Procurement")
    IMPLEMENTATION = "implementation", _("Implementation")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class ProjectType(models.TextChoices):
    NEW_CONSTRUCTION = "construction", _("New construction")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    REPLACEMENT = "replacement", _("Replacement")
    EXPANSION = "expansion", _("Expansion")


class OrganizationRole(models.TextChoices):
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    CONTRACTOR = "contractor", _("Contractor")
    SUPERVISING_ENGINEER = "supervising_engineer", _("Supervising engineer")
