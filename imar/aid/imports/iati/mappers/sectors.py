"""DAC sector codes to the fund's sectors, for matching and the "by sector" tables.

The exact DAC 5-digit codes the fund exports (`portfolio/sectors.SECTOR_CODES`) map back
first; then the DAC 3-digit category (vocabulary 2, or the first three digits of a
5-digit code). Anything else stays unmapped (None): shown under its own code, never
forced into a sector of ours.
"""

from imar.portfolio.sectors import SECTOR_CODES, Sector

_BY_DAC5 = {codes.dac5: sector.value for sector, codes in SECTOR_CODES.items()}

_BY_DAC3 = {
    "111": Sector.EDUCATION, "112": Sector.EDUCATION, "113": Sector.EDUCATION,
    "114": Sector.EDUCATION,
    "121": Sector.HEALTH, "122": Sector.HEALTH, "123": Sector.HEALTH,
    "140": Sector.WATER_SANITATION,
    "160": Sector.HOUSING,
    "210": Sector.ROADS_BRIDGES,
    "220": Sector.TELECOMMUNICATIONS,
    "231": Sector.ELECTRICITY, "232": Sector.RENEWABLE_ENERGY, "236": Sector.ELECTRICITY,
    "311": Sector.AGRICULTURE_IRRIGATION,
    "430": Sector.URBAN_REHABILITATION,
    "740": Sector.FLOOD_PROTECTION,
}  # fmt: skip

# Within a category, 5-digit codes that belong to a more precise sector of ours.
_BY_DAC5_EXTRA = {
    "14050": Sector.SOLID_WASTE,
    "21040": Sector.PORTS,
    "21050": Sector.AIRPORTS,
    "43060": Sector.FLOOD_PROTECTION,
    "16061": Sector.CULTURE_SPORTS,
    "16062": Sector.CULTURE_SPORTS,
}


def fund_sector(vocabulary: str, code: str) -> str | None:
    """The fund's sector for an IATI sector code, or None."""
    if vocabulary == "1" and len(code) == 5 and code.isdigit():
        found = _BY_DAC5.get(code) or _BY_DAC5_EXTRA.get(code) or _BY_DAC3.get(code[:3])
        return str(found) if found else None
    if vocabulary == "2" and len(code) == 3 and code.isdigit():
        found = _BY_DAC3.get(code)
        return str(found) if found else None
    return None
