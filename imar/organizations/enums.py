from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    GOVERNMENT_BODY = "government_body", _("Government body")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
    DEVELOPMENT_AGENCY = "development_agency", _("Development agency")
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    MULTILATERAL = "multilateral", _("Multilateral organization")
