"""The fund's sector list, each mapped to an OECD-DAC 5-digit purpose code and an OC4IDS
`projectSector` code. Exports read the mapping from here, nowhere else."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HOUSING = "housing", _("Housing")
    ROADS_BRIDGES = "roads_bridges", _("Roads and bridges")
    WATER_SANITATION = "water_sanitation", _("Water and sanitation")
    ELECTRICITY = "electricity", _("Electricity")
    RENEWABLE_ENERGY = "renewable_energy", _("Renewable energy")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    URBAN_REHABILITATION = "urban_rehabilitation", _("Urban rehabilitation")
    PUBLIC_BUILDINGS = "public_buildings", _("Public buildings")
    FLOOD_PROTECTION = "flood_protection", _("Flood protection")
    TELECOMMUNICATIONS = "telecommunications", _("Telecommunications")
    PORTS = "ports", _("Ports")
    AIRPORTS = "airports", _("Airports")
    SOLID_WASTE = "solid_waste", _("Solid waste")
    AGRICULTURE_IRRIGATION = "agriculture_irrigation", _("Agriculture and irrigation")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")


@dataclass(frozen=True)
class SectorCodes:
    dac5: str  # OECD-DAC CRS purpose code (IATI sector vocabulary 1)
    oc4ids: str  # OC4IDS projectSector codelist


SECTOR_CODES: dict[str, SectorCodes] = {
    Sector.HOUSING: SectorCodes("16040", "socialHousing"),
    Sector.ROADS_BRIDGES: SectorCodes("21020", "transport.road"),
    Sector.WATER_SANITATION: SectorCodes("14020", "waterAndWaste"),
    Sector.ELECTRICITY: SectorCodes("23630", "energy"),
    Sector.RENEWABLE_ENERGY: SectorCodes("23210", "energy.solar"),
    Sector.HEALTH: SectorCodes("12230", "health"),
    Sector.EDUCATION: SectorCodes("11120", "education"),
    # Urban development and management; OC4IDS has no urban-renewal code, "economy" is closest.
    Sector.URBAN_REHABILITATION: SectorCodes("43030", "economy"),
    Sector.PUBLIC_BUILDINGS: SectorCodes("15110", "governance"),
    # DAC 41050 (flood prevention) was withdrawn; disaster risk reduction replaces it.
    Sector.FLOOD_PROTECTION: SectorCodes("43060", "naturalResources.floodProtection"),
    Sector.TELECOMMUNICATIONS: SectorCodes("22020", "communications"),
    Sector.PORTS: SectorCodes("21040", "transport.water"),
    Sector.AIRPORTS: SectorCodes("21050", "transport.air"),
    Sector.SOLID_WASTE: SectorCodes("14050", "waterAndWaste"),
    Sector.AGRICULTURE_IRRIGATION: SectorCodes("31140", "naturalResources"),
    Sector.CULTURE_SPORTS: SectorCodes("16061", "cultureSportsAndRecreation"),
}
