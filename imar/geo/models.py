"""Libya's geography: 3 regions, 22 districts (shabiyat), 100 municipalities (baladiyat)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from imar.core.models import BilingualNamed


class Region(BilingualNamed):
    """East, West or South: the level at which regional balance is discussed."""

    code = models.CharField(_("OCHA p-code"), max_length=8, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class District(BilingualNamed):
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=8, unique=True)
    pcode = models.CharField(_("OCHA p-code"), max_length=8, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # The simplified boundary as a GeoJSON geometry; enough for an offline base map.
    geometry = models.JSONField(_("boundary"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def search_source(self) -> list[str]:
        return [self.name_ar, self.name_en, self.iso_code]


class Municipality(BilingualNamed):
    pcode = models.CharField(_("OCHA p-code"), max_length=10, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    location_is_approximate = models.BooleanField(
        _("approximate location"),
        default=True,
        help_text=_("True when the point is the district's, not the town's own."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
