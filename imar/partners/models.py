from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from imar.core.models import BilingualNamed


class OrganizationKind(models.TextChoices):
    GOVERNMENT_BODY = "government_body", _("Government body")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
    DEVELOPMENT_AGENCY = "development_agency", _("Development agency")
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    MULTILATERAL = "multilateral", _("Multilateral organization")


class Organization(BilingualNamed):
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    country = CountryField(_("country"))
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["country", "kind"], name="org_country_kind_idx")]

    def search_source(self) -> list[str]:
        return [self.name_ar, self.name_en, self.acronym]
