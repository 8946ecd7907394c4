"""Organizations (governments, agencies, companies, NGOs) and the people we know there.

Below both the project registry and partner coordination: projects name their implementers
and providers, agreements their parties. The tables keep their first names
(`partners_organization`, `partners_contact`): the app was split out of `imar.partners`
without moving a row."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from imar.core.models import BilingualNamed, PersonNamed, english_text_field, latin_name_field
from imar.core.versioning import Versioned
from imar.organizations.enums import OrganizationKind
from imar.organizations.public import OrganizationQuerySet


class Organization(Versioned, BilingualNamed):
    # The audit trail is append-only and sealed: events written before the split name the
    # model "partners.organization"; readers match that label too, so one history stays one.
    audit_former_types = ("partners.organization",)

    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    country = CountryField(_("country"))
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    # Sector codes from imar.portfolio.sectors.Sector (a list; validated by the partners
    # forms and API, which sit above the registry that defines the codes).
    sectors = models.JSONField(_("sectors of interest"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/logos/", blank=True)
    notes = models.TextField(_("notes (private)"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        db_table = "partners_organization"
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["country", "kind"], name="org_country_kind_idx")]

    def search_source(self) -> list[str]:
        return [self.name_ar, self.name_en, self.acronym]

    def get_absolute_url(self) -> str:
        # The partner page (imar.partners) shows an organization with its agreements.
        return reverse("partners:organization_detail", args=[self.pk])


class Contact(PersonNamed, models.Model):
    """A person at a partner organization. Private: staff only, never public or anonymous."""

    audit_former_types = ("partners.contact",)  # as Organization

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    name_latin = latin_name_field()
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    role_en = english_text_field(_("role or title (English)"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        db_table = "partners_contact"
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name
