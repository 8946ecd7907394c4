"""Choices of the needs app, and how PDNA sectors meet the fund's project sectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from imar.portfolio.sectors import Sector


class PdnaSector(models.TextChoices):
    """The sectors of a post-disaster needs assessment (PDNA / RDNA)."""

    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture")
    WATER_SANITATION = "water_sanitation", _("Water and sanitation")
    COMMUNITY_INFRASTRUCTURE = "community_infrastructure", _("Community infrastructure")
    ELECTRICITY = "electricity", _("Electricity")
    TRANSPORT_TELECOM = "transport_telecom", _("Transport and telecommunications")
    AGRICULTURE = "agriculture", _("Agriculture")
    LIVELIHOODS = "livelihoods", _("Livelihoods")
    COMMERCE_INDUSTRY = "commerce_industry", _("Commerce and industry")
    TOURISM = "tourism", _("Tourism")
    ENVIRONMENT = "environment", _("Environment")
    GOVERNANCE = "governance", _("Governance")


# Each fund sector answers one PDNA sector; this is the one place that says which.
FUND_TO_PDNA: dict[str, str] = {
    Sector.HOUSING: PdnaSector.HOUSING,
    Sector.ROADS_BRIDGES: PdnaSector.TRANSPORT_TELECOM,
    Sector.WATER_SANITATION: PdnaSector.WATER_SANITATION,
    Sector.ELECTRICITY: PdnaSector.ELECTRICITY,
    Sector.RENEWABLE_ENERGY: PdnaSector.ELECTRICITY,
    Sector.HEALTH: PdnaSector.HEALTH,
    Sector.EDUCATION: PdnaSector.EDUCATION,
    Sector.URBAN_REHABILITATION: PdnaSector.COMMUNITY_INFRASTRUCTURE,
    Sector.PUBLIC_BUILDINGS: PdnaSector.GOVERNANCE,
    Sector.FLOOD_PROTECTION: PdnaSector.ENVIRONMENT,
    Sector.TELECOMMUNICATIONS: PdnaSector.TRANSPORT_TELECOM,
    Sector.PORTS: PdnaSector.TRANSPORT_TELECOM,
    Sector.AIRPORTS: PdnaSector.TRANSPORT_TELECOM,
    Sector.SOLID_WASTE: PdnaSector.WATER_SANITATION,
    Sector.AGRICULTURE_IRRIGATION: PdnaSector.AGRICULTURE,
    Sector.CULTURE_SPORTS: PdnaSector.CULTURE,
}


def fund_sectors_for(pdna_sector: str) -> list[str]:
    """Fund sectors whose projects answer a PDNA sector (empty for livelihoods, tourism...)."""
    return [fund for fund, pdna in FUND_TO_PDNA.items() if pdna == pdna_sector]


class ScoringMethod(models.TextChoices):
    WEIGHTED_SUM = "weighted_sum", _("Weighted sum")
    TOPSIS = "topsis", _("TOPSIS")


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    APPROVED = "approved", _("Approved")


class BalanceLevel(models.TextChoices):
    REGION = "region", _("Region")
    DISTRICT = "district", _("District")


# The criteria the fund's data provides to the scorer, in matrix column order.
CRITERION_LABELS = {
    "need_severity": _("Need severity (recorded recovery needs of its place and sector)"),
    "people_served": _("People served"),
    "cost_per_beneficiary": _("Cost per beneficiary"),
    "readiness": _("Readiness (lifecycle stage)"),
    "risk": _("Risk (worst open likelihood × impact)"),
    "staff_score": _("Staff appraisal score"),
}

# How a criterion's column is scaled before weighting (imar.needs.scoring.Normalization).
NORMALIZATION_LABELS = {
    "minmax": _("Min–max (from the lowest to the highest value)"),
    "max": _("Share of the highest value"),
    "vector": _("Vector (share of the column's length)"),
    "sum": _("Share of the column's sum"),
    "linear": _("Linear (share of the highest value; costs: lowest ÷ value)"),
}
